import type { MachineType, ModelAssumptions } from "./assumptions";

/** Inputs and outputs of `simulateBurst`, and the bounds it enforces on its input. */

export interface BurstServiceInput {
  name: string;
  /** Instances that start at once. */
  instances: number;
  /** DB connections each instance opens before it is ready. */
  poolSize: number;
  /** The app's DB initialisation timeout (8 s before the fix, 75 s after). */
  dbTimeoutSeconds: number;
}

export interface BurstConnectorInput {
  machineType: MachineType;
  minInstances: number;
  maxInstances: number;
  /** Instances running when the burst starts (connectors never scale in); default minInstances. */
  initialInstances?: number;
}

export interface BurstInput {
  services: BurstServiceInput[];
  connector: BurstConnectorInput;
  database: { maxConnections: number };
  /** How long to follow the burst, in seconds (default 600, or longer than the longest timeout). */
  horizonSeconds?: number;
  assumptions?: Partial<ModelAssumptions>;
}

export const BOTTLENECKS = ["connector-throughput", "scale-out-delay", "max-connections"] as const;
export type Bottleneck = (typeof BOTTLENECKS)[number];

export interface UtilisationSample {
  t: number;
  /** Used ÷ capacity, 0–1. */
  utilisation: number;
  throughputMbps: number;
  capacityMbps: number;
  connectorInstances: number;
  /** Backends on Cloud SQL, including connections orphaned by exited instances. */
  connections: number;
  readyInstances: number;
}

export interface AttemptOutcome {
  startedAt: number;
  endedAt: number;
  ok: boolean;
  cause?: Bottleneck;
}

export interface InstanceOutcome {
  service: string;
  index: number;
  attempts: AttemptOutcome[];
  readyAtSeconds: number | null;
}

export interface BurstResult {
  /**
   * Start-up success of the burst: the share of instances whose first start-up attempt became
   * ready. This answers "will these instances start cleanly if they start at once?".
   */
  successRate: number;
  /**
   * Successful attempts ÷ completed attempts over the horizon, retries included: what the
   * startup probe counts (healthy ÷ all) would show. Null when no attempt completed.
   */
  attemptSuccessRate: number | null;
  attempts: number;
  successes: number;
  failures: number;
  instancesReady: number;
  instancesTotal: number;
  /** Seconds until every instance was ready, or null if some never were within the horizon. */
  timeToAllReadySeconds: number | null;
  peakConnections: number;
  maxConnections: number;
  /** One sample per second. */
  utilisation: UtilisationSample[];
  /** When each extra connector instance was asked for and when it started carrying traffic. */
  scaleOuts: { requestedAt: number; readyAt: number; instances: number }[];
  /** What made the first start-up attempt fail; null when none failed. */
  firstBottleneck: Bottleneck | null;
  instances: InstanceOutcome[];
  horizonSeconds: number;
}

export const burstLimits = {
  maxTotalInstances: 2000,
  maxPoolSize: 100,
  maxHorizonSeconds: 3600,
  maxTimeoutSeconds: 600,
} as const;

export function defaultHorizon(input: BurstInput): number {
  const longest = Math.max(0, ...input.services.map((s) => s.dbTimeoutSeconds));
  return input.horizonSeconds ?? Math.max(600, Math.ceil(longest) + 120);
}

/** Throws a RangeError naming every out-of-bounds input (the what-if view shows it). */
export function validateBurstInput(input: BurstInput): void {
  const total = input.services.reduce((n, s) => n + s.instances, 0);
  const problems: string[] = [];
  if (total < 1 || total > burstLimits.maxTotalInstances)
    problems.push(`total instances must be 1–${burstLimits.maxTotalInstances} (got ${total})`);
  for (const s of input.services) {
    if (!Number.isInteger(s.instances) || s.instances < 0)
      problems.push(`${s.name}: instances must be a whole number ≥ 0`);
    if (!Number.isInteger(s.poolSize) || s.poolSize < 1 || s.poolSize > burstLimits.maxPoolSize)
      problems.push(`${s.name}: poolSize must be 1–${burstLimits.maxPoolSize}`);
    if (!(s.dbTimeoutSeconds > 0 && s.dbTimeoutSeconds <= burstLimits.maxTimeoutSeconds))
      problems.push(`${s.name}: dbTimeoutSeconds must be in (0, ${burstLimits.maxTimeoutSeconds}]`);
  }
  const c = input.connector;
  if (!(c.minInstances >= 1 && c.maxInstances >= c.minInstances && c.maxInstances <= 100))
    problems.push("connector: need 1 ≤ minInstances ≤ maxInstances ≤ 100");
  if (!(input.database.maxConnections >= 1)) problems.push("database.maxConnections must be ≥ 1");
  const horizon = defaultHorizon(input);
  if (!(horizon >= 10 && horizon <= burstLimits.maxHorizonSeconds))
    problems.push(`horizonSeconds must be 10–${burstLimits.maxHorizonSeconds}`);
  if (problems.length) throw new RangeError(`simulateBurst: ${problems.join("; ")}`);
}
