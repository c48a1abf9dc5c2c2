/**
 * A time series as the dashboard uses it — the core's input shape, whatever the source
 * (Cloud Monitoring, the emulator, a test). `t` is the end of the aligned period in epoch
 * milliseconds; `v` is null when the period has no value (an empty distribution).
 * `exact` carries the decimal int64 when `v` could not hold it exactly (lib/gcp/int64.ts).
 */
export type Point = { t: number; v: number | null; exact?: string };
export type Series = {
  /** Resource and metric labels in one map, e.g. { service_name: "backend", is_healthy: "false" }. */
  labels: Record<string, string>;
  /** Oldest first. */
  points: Point[];
  unit: string;
  /** True when at least one int64 value exceeded 2^53 and `v` is an approximation. */
  precisionLoss: boolean;
};

/** The end of the newest point's interval across several series (null when they hold no point). */
export function newestPointEnd(series: readonly Series[]): number | null {
  let newest: number | null = null;
  for (const s of series) for (const p of s.points) if (newest === null || p.t > newest) newest = p.t;
  return newest;
}

function combine(series: readonly Series[], pick: (a: number, b: number) => number): Point[] {
  const m = new Map<number, number>();
  for (const s of series) {
    for (const p of s.points) {
      if (p.v === null) continue;
      const prev = m.get(p.t);
      m.set(p.t, prev === undefined ? p.v : pick(prev, p.v));
    }
  }
  return [...m.entries()].sort(([a], [b]) => a - b).map(([t, v]) => ({ t, v }));
}

/**
 * One line from several series of the same metric (a reducer the upstream did not apply,
 * or duplicate resources): the worst value per time, so nothing looks better than it is.
 */
export const maxOf = (series: readonly Series[]) => combine(series, Math.max);
export const minOf = (series: readonly Series[]) => combine(series, Math.min);
export const sumOf = (series: readonly Series[]) => combine(series, (a, b) => a + b);

/** A single series passes through untouched (keeping `exact` int64 strings). */
export function oneLine(series: readonly Series[], merge: (s: readonly Series[]) => Point[]): Point[] {
  const [only, ...rest] = series;
  if (only && rest.length === 0) return only.points;
  return merge(series);
}
