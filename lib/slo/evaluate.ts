import { maxPointAgeSeconds } from "@/lib/core/figure";
import { ruleCondition, type AlertRule, type Condition, type WindowRead } from "@/lib/config/core/slo/alerts";
import type { CountPoint } from "@/lib/slo/core/budget";
import type { SloDefinition } from "@/lib/config/core/slo/config";
import { burnOf, sloFigures, type SloFigures } from "@/lib/slo/core/figures";
import type { MaintenanceWindow } from "@/lib/config/core/maintenance/types";
import { maintenanceMsIn, withoutMaintenance } from "@/lib/slo/core/maintenance";
import { COARSE_PERIOD_SECONDS, FINE_PERIOD_SECONDS, FINE_SPAN_MS } from "./intervals";
import { BURN_WINDOWS, DAY_MS, windowMsOf } from "@/lib/core/slo-windows";

/**
 * Every SLO from the two reads, pure: counts per service in, figures, per-window freshness and
 * each rule's condition out. A read is stale when the cache served an old copy after an
 * upstream failure or when its data ends longer ago than two periods plus ingestion delay —
 * and a stale window makes its rules unknown, never "ok".
 */

export type CountRead = {
  /** Counts per service name; "all" is computed here. */
  byService: ReadonlyMap<string, readonly CountPoint[]>;
  /** Aligned end of the data actually held (earlier than asked for when a stale copy stood in). */
  endMs: number;
  /** The cache served an old copy. */
  stale: boolean;
};

export type SloInputs = {
  now: number;
  fine: CountRead;
  coarse: CountRead;
  rules: readonly AlertRule[];
  /** Maintenance windows over the SLO window, for `excludeMaintenance`; null: could not be read. */
  maintenance?: readonly MaintenanceWindow[] | null;
};

export type ReadFreshness = { measuredAt: number; stale: boolean; staleAfter: number };

export type SloEvaluation = {
  definition: SloDefinition;
  figures: SloFigures;
  fine: ReadFreshness;
  coarse: ReadFreshness;
  /** Figures over long windows: hourly data plus the minutes since, so both reads must be fresh. */
  long: ReadFreshness;
  /** Per window (the fixed ones and any a rule reads): whether its data is stale. */
  windowStale: Record<string, boolean>;
  conditions: { rule: AlertRule; condition: Condition }[];
  /** Minutes of the SLO window its scope spent in maintenance; null when unknown. */
  maintenanceMinutes: number | null;
};

function freshnessOf(read: CountRead, periodSeconds: number, now: number): ReadFreshness {
  const staleAfter = read.endMs + maxPointAgeSeconds(periodSeconds) * 1_000;
  return { measuredAt: read.endMs, stale: read.stale || now > staleAfter, staleAfter };
}

/** All deployed services summed period by period. */
export function overallCounts(byService: ReadonlyMap<string, readonly CountPoint[]>): CountPoint[] {
  const m = new Map<number, CountPoint>();
  for (const points of byService.values()) {
    for (const p of points) {
      const c = m.get(p.t) ?? { t: p.t, good: 0, bad: 0 };
      c.good += p.good;
      c.bad += p.bad;
      m.set(p.t, c);
    }
  }
  return [...m.values()].sort((a, b) => a.t - b.t);
}

const pointsFor = (read: CountRead, service: string) =>
  service === "all" ? overallCounts(read.byService) : (read.byService.get(service) ?? []);

export function evaluateSlo(def: SloDefinition, input: SloInputs): SloEvaluation {
  const sloWindowMs = def.windowDays * DAY_MS;
  const windows = [...new Set([...BURN_WINDOWS, ...input.rules.flatMap((r) => [r.long, r.short])])];
  const maintenance = input.maintenance ?? [];
  const counted = (read: CountRead, periodSeconds: number) => {
    const points = pointsFor(read, def.service);
    return def.excludeMaintenance && maintenance.length
      ? withoutMaintenance(points, periodSeconds * 1_000, maintenance, def.service)
      : points;
  };
  const figures = sloFigures(
    def.objective,
    sloWindowMs,
    {
      points: counted(input.fine, FINE_PERIOD_SECONDS),
      periodMs: FINE_PERIOD_SECONDS * 1_000,
      endMs: input.fine.endMs,
      spanMs: FINE_SPAN_MS,
    },
    {
      points: counted(input.coarse, COARSE_PERIOD_SECONDS),
      periodMs: COARSE_PERIOD_SECONDS * 1_000,
      endMs: input.coarse.endMs,
      spanMs: sloWindowMs,
    },
    windows,
  );
  const fine = freshnessOf(input.fine, FINE_PERIOD_SECONDS, input.now);
  const coarse = freshnessOf(input.coarse, COARSE_PERIOD_SECONDS, input.now);
  const long = {
    measuredAt: Math.max(fine.measuredAt, coarse.measuredAt),
    stale: fine.stale || coarse.stale,
    staleAfter: Math.min(fine.staleAfter, coarse.staleAfter),
  };
  const windowStale = Object.fromEntries(
    windows.map((w) => [w, (windowMsOf(w) ?? Infinity) <= FINE_SPAN_MS ? fine.stale : long.stale]),
  );
  const reads: Record<string, WindowRead> = Object.fromEntries(
    windows.map((w) => [w, { burnRate: burnOf(figures, w)?.burnRate ?? null, stale: windowStale[w] ?? true }]),
  );
  return {
    definition: def,
    figures,
    fine,
    coarse,
    long,
    windowStale,
    conditions: input.rules.map((rule) => ({ rule, condition: ruleCondition(rule, reads) })),
    maintenanceMinutes:
      input.maintenance === null
        ? null
        : Math.round(maintenanceMsIn(maintenance, def.service, input.coarse.endMs, sloWindowMs) / 60_000),
  };
}
