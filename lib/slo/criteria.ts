import "server-only";
import type { StagingConfig } from "@/lib/config/core/staging-schema";
import type { Measurement } from "@/lib/criteria/core";
import type { Reader } from "@/lib/gcp/reader";
import { sloDefinitions } from "@/lib/config/core/slo/config";
import { evaluateSlo, type ReadFreshness } from "./evaluate";
import { deployedServices, readSlos } from "./read";
import { BURN_WINDOWS, DAY_MS, WINDOW_MS } from "@/lib/core/slo-windows";

/**
 * The SLO functions of the criteria language, `error_budget_remaining(service, 28d)` and
 * `burn_rate(service, 1h)`, measured from the same cached reads as the SLO page. `measuredAt`
 * is where the data ends; when a read is a stale copy, the older end, so the criterion's own
 * age limit turns it unknown.
 */

type SloMeasurement = Extract<Measurement, { kind: "error_budget_remaining" | "burn_rate" }>;
export type SloMeasured = { entry: { value: number | null; measuredAt: string } } | { problem: string };

export const isSloNeed = (m: Measurement): m is SloMeasurement =>
  m.kind === "error_budget_remaining" || m.kind === "burn_rate";

const endOf = (r: ReadFreshness, parts: readonly ReadFreshness[]) =>
  r.stale ? Math.min(...parts.map((p) => p.measuredAt)) : r.measuredAt;

export async function measureSlo(
  reader: Reader,
  config: StagingConfig,
  m: SloMeasurement,
  now: number,
): Promise<SloMeasured> {
  const services = deployedServices(config);
  const service = m.service.kind === "all" ? "all" : m.service.name;
  if (service !== "all" && !services.includes(service))
    return { problem: `"${service}" is not a deployed service in the staging config` };
  const windowDays = m.kind === "error_budget_remaining" ? m.windowSeconds / (DAY_MS / 1_000) : 0;
  const reads = await readSlos(reader, config, now, windowDays);
  const configured = sloDefinitions(config.slo, services).find((d) => d.service === service);
  const def = {
    id: `criterion-${service}`,
    service,
    objective: configured?.objective ?? config.slo.objective,
    windowDays: windowDays || (configured?.windowDays ?? config.slo.windowDays),
    alerting: configured?.alerting ?? config.slo.alerting,
    source: "startups" as const,
    // A criterion measures what happened; maintenance minutes are left out only on the SLO page.
    excludeMaintenance: false,
  };
  const e = evaluateSlo(def, { now, fine: reads.fine, coarse: reads.coarse, rules: [] });
  if (m.kind === "error_budget_remaining") {
    return {
      entry: {
        value: e.figures.budget.remaining,
        measuredAt: new Date(endOf(e.long, [e.fine, e.coarse])).toISOString(),
      },
    };
  }
  const w = BURN_WINDOWS.find((x) => WINDOW_MS[x] === m.windowSeconds * 1_000);
  if (!w) return { problem: "burn_rate reads 5m, 30m, 1h, 6h, 24h or 3d" };
  const fromFine = !(["24h", "3d"] as const).includes(w as "24h");
  const at = fromFine ? endOf(e.fine, [e.fine]) : endOf(e.long, [e.fine, e.coarse]);
  return { entry: { value: e.figures.burn[w].burnRate, measuredAt: new Date(at).toISOString() } };
}
