import "server-only";
import type { StagingConfig } from "@/lib/config/staging-schema";
import { alignInterval, type AlignedInterval } from "@/lib/gcp/alignment";
import type { CacheResult } from "@/lib/gcp/cache";
import type { QueryScope } from "@/lib/gcp/catalogue";
import { staleReason, upstreamToApiError, UpstreamError, type StatusName } from "@/lib/gcp/upstream-error";
import type { TimeRange } from "@/lib/time-range";
import type { Reader } from "./reader";
import type { Freshness, RangeInfo } from "./schemas";

/** What every metrics function needs: who to ask, about which environment, for when. */
export type MetricsContext = {
  reader: Reader;
  config: StagingConfig;
  range: TimeRange;
  interval: AlignedInterval;
  scope: QueryScope;
  /** A preset range that ends now (a stale copy of the previous interval may stand in). */
  live: boolean;
  now: number;
};

export function metricsContext(reader: Reader, config: StagingConfig, range: TimeRange, now: number): MetricsContext {
  const interval = alignInterval(range.from.getTime(), range.to.getTime());
  return {
    reader,
    config,
    range,
    interval,
    scope: { projectId: reader.projectId, connector: config.connector, database: config.database, interval },
    live: range.preset !== "custom",
    now,
  };
}

export function rangeInfo(ctx: MetricsContext): RangeInfo {
  return {
    preset: ctx.range.preset,
    from: new Date(ctx.interval.startMs).toISOString(),
    to: new Date(ctx.interval.endMs).toISOString(),
    alignmentSeconds: ctx.interval.periodSeconds,
  };
}

/**
 * A response's freshness is its weakest part's: the oldest read, stale if any part is.
 * No figure may look fresher than the data under it.
 */
export function freshness(ctx: MetricsContext, reads: readonly CacheResult<unknown>[]): Freshness {
  const oldest = reads.length ? Math.min(...reads.map((r) => r.fetchedAt)) : null;
  const error = reads.find((r) => r.error)?.error;
  return {
    measuredAt: oldest === null ? null : new Date(oldest).toISOString(),
    source: ctx.reader.source,
    stale: reads.some((r) => r.stale),
    ageSeconds: oldest === null ? null : Math.max(0, Math.round((ctx.now - oldest) / 1000)),
    upstreamError: error ? staleReason(error) : null,
  };
}

// When several reads fail, the error the viewer can act on comes first.
const PRIORITY: StatusName[] = [
  "PERMISSION_DENIED",
  "UNAUTHENTICATED",
  "RESOURCE_EXHAUSTED",
  "UNAVAILABLE",
  "DEADLINE_EXCEEDED",
];
const rank = (e: UpstreamError) => {
  const i = PRIORITY.indexOf(e.code);
  return i === -1 ? PRIORITY.length : i;
};

/**
 * Awaits every read. One that failed with no stale copy to stand in fails the response
 * with a clear upstream error (502/503/504) rather than a page of half-true figures.
 */
export async function readAll<T extends Record<string, Promise<unknown>>>(
  ctx: MetricsContext,
  reads: T,
): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const keys = Object.keys(reads) as (keyof T)[];
  const settled = await Promise.allSettled(keys.map((k) => reads[k]));
  const failures = settled.flatMap((s) => (s.status === "rejected" ? [s.reason as unknown] : []));
  const upstream = failures
    .filter((e): e is UpstreamError => e instanceof UpstreamError)
    .sort((a, b) => rank(a) - rank(b));
  if (failures.length && upstream.length !== failures.length) throw failures.find((e) => !(e instanceof UpstreamError));
  const first = upstream[0];
  if (first) throw upstreamToApiError(first, ctx.reader.projectId);
  return Object.fromEntries(keys.map((k, i) => [k, (settled[i] as PromiseFulfilledResult<unknown>).value])) as {
    [K in keyof T]: Awaited<T[K]>;
  };
}
