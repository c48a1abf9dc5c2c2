/**
 * The alignment rule: one chart gets at most about 300 points, and the period is never
 * shorter than 60 s (Cloud Monitoring's finest alignment for these metrics). Within that,
 * the period is the smallest "round" step that keeps the point count ≤ 300, so the same
 * range always yields the same period — and so the same cache key for every viewer.
 *
 *   1h → 60 s (60 points) · 6h → 120 s (180) · 24h → 300 s (288) · 7d → 3600 s (168) · 30d → 10800 s (240)
 */
export const MAX_POINTS = 300;
export const MIN_ALIGNMENT_SECONDS = 60;
const STEPS_SECONDS = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400];

export function alignmentPeriodSeconds(spanMs: number): number {
  const needed = Math.max(MIN_ALIGNMENT_SECONDS, spanMs / 1000 / MAX_POINTS);
  for (const step of STEPS_SECONDS) if (step >= needed) return step;
  // Past the ladder (spans > 300 days): whole days, still ≤ 300 points.
  return Math.ceil(needed / 86_400) * 86_400;
}

export type AlignedInterval = { startMs: number; endMs: number; periodSeconds: number };

/**
 * The range snapped to period boundaries. The end is floored, so requests made at any
 * moment within one period ask for exactly the same interval (coalescing and caching work
 * across viewers); the newest partial period is left out, which Cloud Monitoring would
 * report incomplete anyway (metrics arrive up to ~2 min late).
 */
export function alignInterval(fromMs: number, toMs: number): AlignedInterval {
  const periodSeconds = alignmentPeriodSeconds(toMs - fromMs);
  const periodMs = periodSeconds * 1000;
  const endMs = Math.floor(toMs / periodMs) * periodMs;
  const periods = Math.max(1, Math.ceil((toMs - fromMs) / periodMs));
  return { startMs: endMs - periods * periodMs, endMs, periodSeconds };
}

/**
 * End of the data a read holds: the interval asked for, or — for a stale copy served after
 * an upstream failure — the older interval it was read for.
 */
export function dataEnd(read: { stale: boolean; fetchedAt: number }, interval: AlignedInterval): number {
  if (!read.stale) return interval.endMs;
  const periodMs = interval.periodSeconds * 1_000;
  return Math.min(interval.endMs, Math.floor(read.fetchedAt / periodMs) * periodMs);
}

/** Cache lifetime for a query aligned to `periodSeconds`: the period, clamped to 30 s – 5 min. */
export function cacheTtlMs(periodSeconds: number): number {
  return Math.min(300_000, Math.max(30_000, periodSeconds * 1000));
}
