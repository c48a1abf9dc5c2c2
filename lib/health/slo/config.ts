import { z } from "zod";
import { DAY_MS, WINDOW_MS } from "./windows";

/**
 * The `slo` section of the staging config: start-up success objectives, overall and per
 * service. An objective is a share strictly between 0 and 1 (≤ 0 promises nothing, ≥ 1 leaves
 * no error budget, so every burn rate would divide by zero). The rolling window is whole days,
 * at least as long as the longest alert window (3 d) and at most 30 days — Cloud Monitoring's
 * longest rolling period, and 720 hourly points per read.
 */
export const MIN_SLO_WINDOW_DAYS = Math.ceil(WINDOW_MS["3d"] / DAY_MS);
export const MAX_SLO_WINDOW_DAYS = 30;

const objective = z
  .number()
  .gt(0, "must be above 0 (a share such as 0.95)")
  .lt(1, "must be below 1: an objective of 100% leaves no error budget");
const windowDays = z
  .int("must be a whole number of days")
  .min(MIN_SLO_WINDOW_DAYS, `must be at least ${MIN_SLO_WINDOW_DAYS} days (the ticket rule reads 3 days)`)
  .max(MAX_SLO_WINDOW_DAYS, `must be at most ${MAX_SLO_WINDOW_DAYS} days (Cloud Monitoring's longest rolling period)`);

export const sloConfigSchema = z
  .strictObject({
    /** Start-up success for every deployed service together. */
    objective: objective.default(0.95),
    windowDays: windowDays.default(28),
    /** Leave maintenance minutes out of the budget (issue 26); off unless the SLO's owner says so. */
    excludeMaintenance: z.boolean().default(false),
    /** Per-service overrides; every other deployed service gets the overall objective. */
    services: z
      .record(
        z.string(),
        z.strictObject({
          objective: objective.optional(),
          windowDays: windowDays.optional(),
          excludeMaintenance: z.boolean().optional(),
        }),
      )
      .default({}),
    /** A firing alert resolves after its rule has read "ok" this long without a break. */
    resolveAfterMinutes: z.int().min(0).max(1440).default(5),
  })
  .prefault({});

export type SloConfig = z.infer<typeof sloConfigSchema>;

/** One objective to evaluate: `service` "all" is every deployed service together. */
export type SloDefinition = {
  id: string;
  service: string;
  objective: number;
  windowDays: number;
  /** Maintenance minutes of the SLO's scope are left out of its counts (and so its budget). */
  excludeMaintenance: boolean;
};

export function sloDefinitions(slo: SloConfig, deployedServices: readonly string[]): SloDefinition[] {
  const overall: SloDefinition = {
    id: "startup-all",
    service: "all",
    objective: slo.objective,
    windowDays: slo.windowDays,
    excludeMaintenance: slo.excludeMaintenance,
  };
  return [
    overall,
    ...deployedServices.map((service) => ({
      id: `startup-${service}`,
      service,
      objective: slo.services[service]?.objective ?? slo.objective,
      windowDays: slo.services[service]?.windowDays ?? slo.windowDays,
      excludeMaintenance: slo.services[service]?.excludeMaintenance ?? slo.excludeMaintenance,
    })),
  ];
}
