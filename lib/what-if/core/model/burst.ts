import { resolveAssumptions } from "./assumptions";
import {
  defaultHorizon,
  validateBurstInput,
  type BurstInput,
  type BurstResult,
  type Bottleneck,
  type InstanceOutcome,
  type UtilisationSample,
} from "./burst-input";
import { between, hashString, uniform } from "./prng";

export * from "./burst-input";

/**
 * A start-up burst: every instance of every service starts at t = 0, opens its DB pool through
 * the VPC connector, and either becomes ready or exits with code 3 when its DB initialisation
 * outlasts the app timeout, after which Cloud Run restarts it with back-off. Pure and seeded.
 */

const STREAM_COLD = 1;
const STREAM_BACKOFF = 2;
const STREAM_SCALE = 3;
const STREAM_WORK = 4;

interface SimInstance {
  outcome: InstanceOutcome;
  key: number;
  poolSize: number;
  timeout: number;
  /** Work per connection for this instance (± 20% around the assumption). */
  work: number;
  state: "cold" | "init" | "ready";
  attempt: number;
  containerStartAt: number;
  initStartAt: number;
  opened: number;
  progress: number;
  hasSlot: boolean;
  /** Waiting for a free Cloud SQL connection slot during this step. */
  blocked: boolean;
}

export function simulateBurst(input: BurstInput, seed: number): BurstResult {
  validateBurstInput(input);
  const a = resolveAssumptions(input.assumptions);
  const horizon = defaultHorizon(input);
  const dt = a.stepSeconds;
  const perInstanceMbps = a.machineTypes[input.connector.machineType].perInstanceMbps;
  const maxConnections = input.database.maxConnections;

  const cold = (key: number, attempt: number) =>
    between(uniform(seed, STREAM_COLD, key, attempt), a.coldStartSeconds.min, a.coldStartSeconds.max);
  const instances: SimInstance[] = [];
  for (const service of input.services) {
    for (let index = 0; index < service.instances; index++) {
      const key = hashString(service.name) ^ (index * 0x9e3779b1);
      const initStartAt = cold(key, 1);
      instances.push({
        outcome: { service: service.name, index, attempts: [], readyAtSeconds: null },
        key,
        poolSize: service.poolSize,
        timeout: service.dbTimeoutSeconds,
        work: a.connectionSetupMegabits * between(uniform(seed, STREAM_WORK, key), 0.8, 1.2),
        state: "cold",
        attempt: 1,
        containerStartAt: 0,
        initStartAt,
        opened: 0,
        progress: 0,
        hasSlot: false,
        blocked: false,
      });
    }
  }

  let connectorInstances = Math.min(
    input.connector.maxInstances,
    Math.max(input.connector.minInstances, input.connector.initialInstances ?? input.connector.minInstances),
  );
  let pending: { requestedAt: number; readyAt: number } | null = null;
  const scaleOuts: BurstResult["scaleOuts"] = [];
  // Orphaned connections, grouped by expiry (an exiting instance orphans all its connections at
  // once). Kept as groups plus a count and the next expiry because scanning one entry per
  // connection on every step made a saturated database (hundreds of orphans) the cost of the run.
  let orphanGroups: { expiry: number; count: number }[] = [];
  let orphans = 0;
  let nextExpiry = Infinity;
  let active = 0; // connections held by starting or ready instances
  let peakConnections = 0;
  let ready = 0;
  let timeToAllReady: number | null = null;
  let first: { at: number; cause: Bottleneck } | null = null;
  const samples: UtilisationSample[] = [];
  const steps = Math.round(horizon / dt);

  for (let step = 0; step <= steps; step++) {
    const t = step * dt;
    if (pending && t >= pending.readyAt) {
      connectorInstances++;
      scaleOuts.push({ ...pending, instances: connectorInstances });
      pending = null;
    }
    if (t >= nextExpiry) {
      orphanGroups = orphanGroups.filter((g) => {
        if (g.expiry > t) return true;
        orphans -= g.count;
        return false;
      });
      nextExpiry = orphanGroups.reduce((min, g) => Math.min(min, g.expiry), Infinity);
    }

    // Start DB initialisation and hand out DB slots in a stable order (first come, first served).
    // The same pass counts the instances transferring (one pass fewer per step: this loop is the run's cost).
    let transferring = 0;
    for (const inst of instances) {
      if (inst.state === "cold" && t >= inst.initStartAt) {
        inst.state = "init";
        inst.opened = 0;
        inst.progress = 0;
        inst.hasSlot = false;
      }
      if (inst.state === "init" && !inst.hasSlot && active + orphans < maxConnections) {
        inst.hasSlot = true;
        inst.opened++;
        active++;
      }
      inst.blocked = inst.state === "init" && !inst.hasSlot;
      if (inst.state === "init" && inst.hasSlot) transferring++;
    }
    peakConnections = Math.max(peakConnections, active + orphans);

    const capacity = connectorInstances * perInstanceMbps;
    const readyLoad = Math.min(capacity, ready * a.readyInstanceMbps);
    const share = transferring ? Math.min(a.perInstanceMaxMbps, (capacity - readyLoad) / transferring) : 0;
    const used = readyLoad + share * transferring;
    const utilisation = capacity > 0 ? used / capacity : 1;

    if (Number.isInteger(t)) {
      samples.push({
        t,
        utilisation,
        throughputMbps: used,
        capacityMbps: capacity,
        connectorInstances,
        connections: active + orphans,
        readyInstances: ready,
      });
    }
    if (step === steps) break;
    if (ready === instances.length && !pending) {
      // Nothing changes any more (connectors never scale in): repeat the last sample.
      const last = samples[samples.length - 1];
      if (last) for (let s = Math.floor(t) + 1; s <= horizon; s++) samples.push({ ...last, t: s });
      break;
    }

    if (!pending && utilisation >= a.scaleOutThreshold && connectorInstances < input.connector.maxInstances) {
      const delay = between(
        uniform(seed, STREAM_SCALE, scaleOuts.length),
        a.scaleOutDelaySeconds.min,
        a.scaleOutDelaySeconds.max,
      );
      pending = { requestedAt: t, readyAt: t + delay };
    }

    const end = t + dt;
    for (const inst of instances) {
      if (inst.state !== "init") continue;
      if (inst.hasSlot) {
        inst.progress += share * dt;
        if (inst.progress >= inst.work) {
          inst.progress = 0;
          inst.hasSlot = false;
          if (inst.opened >= inst.poolSize) {
            inst.state = "ready";
            inst.outcome.readyAtSeconds = end;
            inst.outcome.attempts.push({ startedAt: inst.containerStartAt, endedAt: end, ok: true });
            ready++;
            if (ready === instances.length) timeToAllReady = end;
            continue;
          }
        }
      }
      const deadline = inst.initStartAt + inst.timeout;
      if (end >= deadline) {
        // exit(3): connections opened so far linger on Cloud SQL until it notices the dead peer.
        const cause: Bottleneck = inst.blocked
          ? "max-connections"
          : pending
            ? "scale-out-delay"
            : "connector-throughput";
        if (!first || deadline < first.at) first = { at: deadline, cause };
        inst.outcome.attempts.push({ startedAt: inst.containerStartAt, endedAt: deadline, ok: false, cause });
        if (inst.opened > 0) {
          const expiry = deadline + a.orphanedConnectionSeconds;
          orphanGroups.push({ expiry, count: inst.opened });
          orphans += inst.opened;
          nextExpiry = Math.min(nextExpiry, expiry);
        }
        active -= inst.opened;
        const b = a.retryBackoff;
        const backoff = Math.min(b.maxSeconds, b.baseSeconds * b.factor ** (inst.attempt - 1));
        const jitter = 1 + b.jitter * (2 * uniform(seed, STREAM_BACKOFF, inst.key, inst.attempt) - 1);
        inst.attempt++;
        inst.state = "cold";
        inst.hasSlot = false;
        inst.opened = 0;
        inst.containerStartAt = deadline + backoff * jitter;
        inst.initStartAt = inst.containerStartAt + cold(inst.key, inst.attempt);
      }
    }
  }

  let successes = 0;
  let failures = 0;
  for (const inst of instances) {
    for (const attempt of inst.outcome.attempts) {
      if (attempt.ok) successes++;
      else failures++;
    }
  }
  const completed = successes + failures;
  const firstTime = instances.filter((i) => i.outcome.attempts[0]?.ok === true).length;
  return {
    successRate: firstTime / instances.length,
    attemptSuccessRate: completed ? successes / completed : null,
    attempts: completed,
    successes,
    failures,
    instancesReady: ready,
    instancesTotal: instances.length,
    timeToAllReadySeconds: timeToAllReady,
    peakConnections,
    maxConnections,
    utilisation: samples,
    scaleOuts,
    firstBottleneck: first?.cause ?? null,
    instances: instances.map((i) => i.outcome),
    horizonSeconds: horizon,
  };
}
