/**
 * Bounds of a what-if request, shared by the zod schema (which enforces them) and the form
 * (which shows them as min/max). Plain numbers so the browser bundle does not pull in zod.
 */
export const whatIfLimits = {
  maxServices: 20,
  /** The staging config's own ceiling for a service's burst. */
  maxInstancesPerService: 1000,
  poolSize: { min: 1, max: 100 },
  dbTimeoutSeconds: { min: 1, max: 600 },
  /** Google's rule for Serverless VPC Access: 2 ≤ min < max ≤ 10. */
  connectorMinInstances: { min: 2, max: 9 },
  connectorMaxInstances: { min: 3, max: 10 },
  /** Cloud SQL for PostgreSQL accepts max_connections up to 262,142. */
  maxConnections: { min: 10, max: 262_142 },
  seeds: { min: 1, max: 200, default: 50 },
  /**
   * Seeds × total instances. A crash-looping run costs about 0.03–0.08 ms per instance on a
   * small CPU, so this keeps the worst prediction to a few hundred milliseconds instead of
   * blocking the server for tens of seconds (50 seeds allow a burst of 100; 10 seeds, 500).
   */
  maxInstanceRuns: 5_000,
  perInstanceMbps: { min: 1, max: 20_000 },
  scaleOutDelaySeconds: { min: 0, max: 600 },
  connectionSetupMegabits: { min: 0.1, max: 10_000 },
} as const;

/** Start-up success the recommendation must reach, on the pessimistic quantile below. */
export const SUCCESS_TARGET = 0.95;
/** "With margin": the p10 of the runs, not just a typical run, must reach the target. */
export const MARGIN_QUANTILE = 0.1;
