import "server-only";
import type { CacheResult } from "@/lib/gcp/cache";
import type { MetricsContext } from "@/lib/gcp/read-context";
import { staleReason } from "@/lib/gcp/upstream-error";
import { freshnessOf, rangeInfoOf, type Asked, type Read } from "@/lib/metrics/core/views/reads";
import type { Freshness, RangeInfo } from "./schemas";

/** What was asked for, as the view models take it. */
export function asked(ctx: MetricsContext): Asked {
  return { preset: ctx.range.preset, interval: ctx.interval, live: ctx.live, source: ctx.reader.source };
}

/** A cache answer as the view models take it: the upstream error already put in words every role may read. */
export function asRead<T>(r: CacheResult<T>): Read<T> {
  return {
    value: r.value,
    fetchedAt: r.fetchedAt,
    stale: r.stale,
    upstreamError: r.error ? staleReason(r.error) : null,
  };
}

export function rangeInfo(ctx: MetricsContext): RangeInfo {
  return rangeInfoOf(asked(ctx));
}

/** A response's freshness is its weakest part's (`freshnessOf`): for the views that are not yet one model. */
export function freshness(ctx: MetricsContext, reads: readonly CacheResult<unknown>[]): Freshness {
  return freshnessOf(reads.map(asRead), ctx.reader.source, ctx.now);
}
