import "server-only";
import { zeroCounts, type Cause } from "@/lib/core/failure-causes";
import { logsExplorerUrl } from "@/lib/gcp/failures";
import { freshness, rangeInfo } from "./context";
import { readAll, type MetricsContext } from "@/lib/gcp/read-context";
import type { EventsResponse } from "./schemas";

export type EventFilters = { service?: string; revision?: string; cause?: Cause; page: number; pageSize: number };

/**
 * Failure events of the range, newest first, filtered and paged here: cause is derived by
 * classification, so Logging cannot filter on it, and one cached read serves every filter
 * and page for every viewer.
 */
export async function events(ctx: MetricsContext, f: EventFilters): Promise<EventsResponse> {
  const r = await readAll(ctx, { failures: ctx.reader.failures(ctx.interval, ctx.live) });
  const read = r.failures.value;
  const inService = read.events.filter((e) => f.service === undefined || e.service === f.service);
  // A revision narrows like a service does: the cause counts are those of the narrowed table.
  const ofService = inService.filter((e) => f.revision === undefined || e.revision === f.revision);
  const revisions = [...new Set(inService.flatMap((e) => (e.revision ? [e.revision] : [])))].sort().reverse();
  const counts = zeroCounts();
  for (const e of ofService) counts[e.cause] += 1;
  const matching = ofService.filter((e) => f.cause === undefined || e.cause === f.cause);
  const pageCount = Math.max(1, Math.ceil(matching.length / f.pageSize));
  const start = (f.page - 1) * f.pageSize;

  return {
    ...freshness(ctx, [r.failures]),
    range: rangeInfo(ctx),
    filters: { service: f.service ?? null, revision: f.revision ?? null, cause: f.cause ?? null },
    events: matching.slice(start, start + f.pageSize),
    page: f.page,
    pageSize: f.pageSize,
    pageCount,
    total: matching.length,
    nextPage: f.page < pageCount ? f.page + 1 : null,
    counts,
    revisions,
    truncated: read.truncated,
    explorerUrl: logsExplorerUrl(ctx.reader.projectId, read.query),
  };
}
