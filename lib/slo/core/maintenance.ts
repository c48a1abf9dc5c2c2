import { coveredMs } from "@/lib/maintenance/core/active";
import { sloScopes } from "@/lib/config/core/maintenance/scope";
import type { MaintenanceWindow } from "@/lib/config/core/maintenance/types";
import type { CountPoint } from "./budget";

/**
 * `excludeMaintenance`: the start-ups of a period are counted only for the share of the period
 * outside every maintenance window of the SLO's scope. Counts are per aligned period, so a
 * period half in a window keeps half its good and half its bad start-ups (spread evenly: the
 * series says nothing finer); a period wholly inside keeps none. The point stays, with what is
 * left, so coverage still says the period was read.
 */
export function withoutMaintenance(
  points: readonly CountPoint[],
  periodMs: number,
  windows: readonly MaintenanceWindow[],
  service: string,
): CountPoint[] {
  const scopes = sloScopes(service);
  return points.map((p) => {
    const covered = coveredMs(windows, scopes, p.t - periodMs, p.t);
    if (covered === 0) return p;
    const kept = 1 - covered / periodMs;
    return { t: p.t, good: p.good * kept, bad: p.bad * kept };
  });
}

/** Milliseconds of the SLO window (endMs − spanMs, endMs] its scope spent in maintenance. */
export function maintenanceMsIn(
  windows: readonly MaintenanceWindow[],
  service: string,
  endMs: number,
  spanMs: number,
): number {
  return coveredMs(windows, sloScopes(service), endMs - spanMs, endMs);
}
