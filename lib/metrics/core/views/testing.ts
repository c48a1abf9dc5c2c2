import type { Series } from "@/lib/core/series";
import type { Read } from "./reads";

/** Helpers for the views' model tests: one clock, the last hour's minutes, fresh reads. */

export const NOW = Date.UTC(2026, 11, 1, 12, 0);
export const INTERVAL = { startMs: NOW - 3_660_000, endMs: NOW - 60_000, periodSeconds: 60 };
export const MINUTE_ENDS = Array.from({ length: 60 }, (_, i) => INTERVAL.startMs + (i + 1) * 60_000);

/** A series with a point at each of `ends`: a constant, or a value per point's time. */
export function minuteSeries(
  labels: Record<string, string>,
  v: number | ((t: number) => number),
  ends: readonly number[] = MINUTE_ENDS,
): Series {
  return {
    labels,
    points: ends.map((t) => ({ t, v: typeof v === "number" ? v : v(t) })),
    unit: "1",
    precisionLoss: false,
  };
}

/** A read fetched five seconds before NOW, fresh and without an upstream error unless `o` says so. */
export function freshRead<T>(value: T, o: Partial<Read<T>> = {}): Read<T> {
  return { value, fetchedAt: NOW - 5_000, stale: false, upstreamError: null, ...o };
}
