import type { CacheResult } from "@/lib/gcp/cache";
import type { Point, Series } from "@/lib/health/series";
import { makeFigure, maxPointAgeSeconds, unknownFigure, type Figure } from "@/lib/health/figure";
import type { MetricsContext } from "./context";

/**
 * A figure measured at `t` (a point's time): stale when the cache served an old copy or
 * the point is older than the alignment allows.
 */
export function figureAt<T>(
  ctx: MetricsContext,
  read: CacheResult<unknown>,
  t: number | null,
  value: T | null,
): Figure<T> {
  if (t === null || value === null) return makeFigure<T>(null, null, ctx.now, { maxAgeSeconds: 0, stale: read.stale });
  return makeFigure(value, t, ctx.now, {
    maxAgeSeconds: maxPointAgeSeconds(ctx.interval.periodSeconds),
    stale: read.stale,
  });
}

/** A figure read off the newest point of a metric. */
export function pointFigure<T>(
  ctx: MetricsContext,
  read: CacheResult<unknown>,
  point: Point | null,
  map: (v: number) => T,
): Figure<T> {
  return figureAt(ctx, read, point?.t ?? null, point && point.v !== null ? map(point.v) : null);
}

/** The end of the newest point's interval across a read's series (null when it holds no point). */
export function newestPointEnd(series: readonly Series[]): number | null {
  let newest: number | null = null;
  for (const s of series) for (const p of s.points) if (newest === null || p.t > newest) newest = p.t;
  return newest;
}

/**
 * A figure over a window (counts, rates): as old as the newest point the upstream holds, not
 * the time of the read — a series whose newest point lags behind its rule is stale even when
 * the read just succeeded. A read with no point at all has nothing to date it by: unknown age.
 */
export function windowFigure<T>(ctx: MetricsContext, read: CacheResult<Series[]>, value: T | null): Figure<T> {
  const end = newestPointEnd(read.value);
  if (end === null) return { ...unknownFigure<T>(), value, stale: read.stale };
  return makeFigure(value, Math.min(end, ctx.interval.endMs), ctx.now, {
    maxAgeSeconds: maxPointAgeSeconds(ctx.interval.periodSeconds),
    stale: read.stale,
  });
}

/** The same figure with its value mapped (freshness untouched). */
export function mapFigure<T, U>(f: Figure<T>, map: (v: T) => U): Figure<U> {
  return { ...f, value: f.value === null ? null : map(f.value) };
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
