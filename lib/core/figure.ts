import { newestPointEnd, type Point, type Series } from "./series";

/**
 * One measured figure and how fresh it is. `value` null means unknown (never measured, or
 * nothing to measure); `stale` means the value is older than it may be — both render grey,
 * never as healthy. `measuredAt` is ISO 8601: the end of the newest data point's interval,
 * never the time of the fetch. `staleAfter` (ISO) is the moment the server's rule calls it
 * stale, so a browser greys it by its own clock even when it stops hearing from the server.
 */
export type Figure<T> = {
  value: T | null;
  measuredAt: string | null;
  stale: boolean;
  ageSeconds: number | null;
  staleAfter: string | null;
};

export const unknownFigure = <T>(): Figure<T> => ({
  value: null,
  measuredAt: null,
  stale: false,
  ageSeconds: null,
  staleAfter: null,
});

/**
 * A figure measured at `measuredAtMs`. It is stale when the source said so (a cached copy
 * served after an upstream failure) or when it is older than `maxAgeSeconds`.
 */
export function makeFigure<T>(
  value: T | null,
  measuredAtMs: number | null,
  now: number,
  opts: { maxAgeSeconds: number; stale?: boolean },
): Figure<T> {
  if (measuredAtMs === null) return { ...unknownFigure<T>(), value, stale: Boolean(opts.stale) };
  const ageSeconds = Math.max(0, Math.round((now - measuredAtMs) / 1000));
  // A copy the source already called stale was stale from the moment it was measured.
  const staleAtMs = opts.stale ? measuredAtMs : measuredAtMs + opts.maxAgeSeconds * 1000;
  return {
    value,
    measuredAt: new Date(measuredAtMs).toISOString(),
    stale: Boolean(opts.stale) || ageSeconds > opts.maxAgeSeconds,
    ageSeconds,
    staleAfter: new Date(staleAtMs).toISOString(),
  };
}

/** A figure a verdict may rely on: measured, and fresh. */
export function isUsable<T>(f: Figure<T>): f is Figure<T> & { value: T } {
  return f.value !== null && !f.stale;
}

/**
 * How old the newest point of a metric may be before it is stale: two alignment periods
 * (the newest one is left out by design) plus Cloud Monitoring's ~2 min ingestion delay,
 * and never less than five minutes.
 */
export function maxPointAgeSeconds(periodSeconds: number): number {
  return Math.max(300, 2 * periodSeconds + 180);
}

/** The earliest of several `staleAfter` times (a verdict is as fresh as its stalest input); null when none is known. */
export function earliestIso(times: readonly (string | null)[]): string | null {
  const ms = times.filter((t): t is string => t !== null).map((t) => Date.parse(t));
  return ms.length ? new Date(Math.min(...ms)).toISOString() : null;
}

/** What dates a figure: the clock, and the aligned interval the data was read for. */
export type FigureClock = { now: number; interval: { endMs: number; periodSeconds: number } };

/**
 * A figure measured at `t` (a point's time): stale when the read was an old copy served after
 * an upstream failure, or when the point is older than the alignment allows.
 */
export function figureAt<T>(
  clock: FigureClock,
  read: { stale: boolean },
  t: number | null,
  value: T | null,
): Figure<T> {
  if (t === null || value === null)
    return makeFigure<T>(null, null, clock.now, { maxAgeSeconds: 0, stale: read.stale });
  return makeFigure(value, t, clock.now, {
    maxAgeSeconds: maxPointAgeSeconds(clock.interval.periodSeconds),
    stale: read.stale,
  });
}

/** A figure read off the newest point of a metric. */
export function pointFigure<T>(
  clock: FigureClock,
  read: { stale: boolean },
  point: Point | null,
  map: (v: number) => T,
): Figure<T> {
  return figureAt(clock, read, point?.t ?? null, point && point.v !== null ? map(point.v) : null);
}

/**
 * A figure over a window (counts, rates): as old as the newest point the upstream holds, not
 * the time of the read — a series whose newest point lags behind its rule is stale even when
 * the read just succeeded. A read with no point at all has nothing to date it by: unknown age.
 */
export function windowFigure<T>(
  clock: FigureClock,
  read: { value: readonly Series[]; stale: boolean },
  value: T | null,
): Figure<T> {
  const end = newestPointEnd(read.value);
  if (end === null) return { ...unknownFigure<T>(), value, stale: read.stale };
  return makeFigure(value, Math.min(end, clock.interval.endMs), clock.now, {
    maxAgeSeconds: maxPointAgeSeconds(clock.interval.periodSeconds),
    stale: read.stale,
  });
}

/** The same figure with its value mapped (freshness untouched). */
export function mapFigure<T, U>(f: Figure<T>, map: (v: T) => U): Figure<U> {
  return { ...f, value: f.value === null ? null : map(f.value) };
}
