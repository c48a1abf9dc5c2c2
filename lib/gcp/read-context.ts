import "server-only";
import type { StagingConfig } from "@/lib/config/core/staging-schema";
import type { TimeRange } from "@/lib/core/time-range";
import { alignInterval, type AlignedInterval } from "./alignment";
import type { QueryScope } from "./catalogue";
import type { Reader } from "./reader";
import { upstreamToApiError, UpstreamError, type StatusName } from "./upstream-error";

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
