import { z } from "zod";
import { ALERTING, type Alerting } from "./alert-sets";
import { MAX_SLO_WINDOW_DAYS, MIN_SLO_WINDOW_DAYS } from "@/lib/core/slo-windows";

/**
 * The `slo` section of the staging config: start-up success objectives, overall and per
 * service. An objective is a share strictly between 0 and 1 (≤ 0 promises nothing, ≥ 1 leaves
 * no error budget, so every burn rate would divide by zero). The rolling window is whole days,
 * at least as long as the longest alert window (3 d) and at most 30 days — Cloud Monitoring's
 * longest rolling period, and 720 hourly points per read.
 */

const objective = z
  .number()
  .gt(0, "must be above 0 (a share such as 0.95)")
  .lt(1, "must be below 1: an objective of 100% leaves no error budget");
const windowDays = z
  .int("must be a whole number of days")
  .min(MIN_SLO_WINDOW_DAYS, `must be at least ${MIN_SLO_WINDOW_DAYS} days (the ticket rule reads 3 days)`)
  .max(MAX_SLO_WINDOW_DAYS, `must be at most ${MAX_SLO_WINDOW_DAYS} days (Cloud Monitoring's longest rolling period)`);

const alerting = z.enum(ALERTING, { error: `must be one of ${ALERTING.join(", ")}` });

export const sloConfigSchema = z
  .strictObject({
    /** Start-up success for every deployed service together. */
    objective: objective.default(0.95),
    windowDays: windowDays.default(28),
    /** The burn-rate alert set: the SRE workbook's three rules, or the four-window set (docs/slo.md). */
    alerting: alerting.default("workbook"),
    /** Budget policy: when this SLO's budget is spent, demo readiness is CAUTION at least. */
    gatesDemos: z.boolean().default(false),
    /** Leave maintenance minutes out of the budget (issue 26); off unless the SLO's owner says so. */
    excludeMaintenance: z.boolean().default(false),
    /** Per-service overrides; every other deployed service gets the overall objective. */
    services: z
      .record(
        z.string(),
        z.strictObject({
          objective: objective.optional(),
          windowDays: windowDays.optional(),
          alerting: alerting.optional(),
          gatesDemos: z.boolean().optional(),
          excludeMaintenance: z.boolean().optional(),
        }),
      )
      .default({}),
    /**
     * SLOs over Stagewatch's own probe roll-ups (good = up attempts, total = attempts): one probe,
     * a group of probes, or a demo rehearsal (a browser probe). Computed by Stagewatch; Cloud
     * Monitoring cannot see these counts, so they are not exported.
     */
    probes: z
      .array(
        z.strictObject({
          id: z.string().regex(/^[a-z][a-z0-9-]{0,40}[a-z0-9]$/, "must be a slug: lower-case letters, digits and '-'"),
          probes: z.array(z.string().min(1)).min(1, "names at least one probe"),
          objective: objective.default(0.99),
          windowDays: windowDays.default(28),
          alerting: alerting.default("workbook"),
          gatesDemos: z.boolean().default(false),
        }),
      )
      .default([]),
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
  alerting: Alerting;
  /** Start-ups from Cloud Monitoring, or Stagewatch's own probe roll-ups (these probes). */
  source: "startups" | "probes";
  probes?: readonly string[];
  /** A probe SLO whose probes are all demo rehearsals (browser probes). */
  rehearsal?: boolean;
  /** Its spent budget holds demo readiness at CAUTION (the budget policy). */
  gatesDemos?: boolean;
  /** Maintenance minutes of the SLO's scope are left out of its counts (and so its budget). */
  excludeMaintenance: boolean;
};

export function sloDefinitions(slo: SloConfig, deployedServices: readonly string[]): SloDefinition[] {
  const overall: SloDefinition = {
    id: "startup-all",
    service: "all",
    objective: slo.objective,
    windowDays: slo.windowDays,
    alerting: slo.alerting,
    source: "startups",
    gatesDemos: slo.gatesDemos,
    excludeMaintenance: slo.excludeMaintenance,
  };
  return [
    overall,
    ...deployedServices.map((service) => ({
      id: `startup-${service}`,
      service,
      objective: slo.services[service]?.objective ?? slo.objective,
      windowDays: slo.services[service]?.windowDays ?? slo.windowDays,
      alerting: slo.services[service]?.alerting ?? slo.alerting,
      source: "startups" as const,
      gatesDemos: slo.services[service]?.gatesDemos ?? false,
      excludeMaintenance: slo.services[service]?.excludeMaintenance ?? slo.excludeMaintenance,
    })),
  ];
}

/** The probe SLOs; `browserProbes` names the rehearsals, so a rehearsal SLO can say it is one. */
export function probeSloDefinitions(slo: SloConfig, browserProbes: ReadonlySet<string>): SloDefinition[] {
  return slo.probes.map((p) => ({
    id: `probe-${p.id}`,
    service: `probe-${p.id}`,
    objective: p.objective,
    windowDays: p.windowDays,
    alerting: p.alerting,
    source: "probes",
    probes: p.probes,
    rehearsal: p.probes.every((name) => browserProbes.has(name)),
    gatesDemos: p.gatesDemos,
    // Probe SLOs count Stagewatch's own attempts; excluding maintenance is defined for start-ups only.
    excludeMaintenance: false,
  }));
}
