import type { TimeRange } from "@/lib/core/time-range";

/**
 * What a view model is given: each upstream read as it came back (the value, when it was
 * read, whether it is a cached copy served because the upstream failed, and why), and what was
 * asked for. The adapters fill these in; the models in this folder only compute.
 */

export type Interval = { startMs: number; endMs: number; periodSeconds: number };

/** Why a stale copy stands in, in words every role may read (never Google's own text). */
export type UpstreamNote = { api: "monitoring" | "logging"; code: string; message: string };

export type Read<T> = { value: T; fetchedAt: number; stale: boolean; upstreamError: UpstreamNote | null };

/** The range that was read: its preset, the aligned interval actually queried, and whether it ends now. */
export type Asked = { preset: TimeRange["preset"]; interval: Interval; live: boolean; source: "gcp" | "emulator" };

export type Freshness = {
  measuredAt: string | null;
  source: "gcp" | "emulator";
  stale: boolean;
  ageSeconds: number | null;
  upstreamError: UpstreamNote | null;
};

/**
 * A response's freshness is its weakest part's: the oldest read, stale if any part is.
 * No figure may look fresher than the data under it.
 */
export function freshnessOf(reads: readonly Read<unknown>[], source: Asked["source"], now: number): Freshness {
  const oldest = reads.length ? Math.min(...reads.map((r) => r.fetchedAt)) : null;
  return {
    measuredAt: oldest === null ? null : new Date(oldest).toISOString(),
    source,
    stale: reads.some((r) => r.stale),
    ageSeconds: oldest === null ? null : Math.max(0, Math.round((now - oldest) / 1000)),
    upstreamError: reads.find((r) => r.upstreamError)?.upstreamError ?? null,
  };
}

export function rangeInfoOf(asked: Pick<Asked, "preset" | "interval">) {
  return {
    preset: asked.preset,
    from: new Date(asked.interval.startMs).toISOString(),
    to: new Date(asked.interval.endMs).toISOString(),
    alignmentSeconds: asked.interval.periodSeconds,
  };
}
