import "server-only";
import type { MetricServiceClient } from "@google-cloud/monitoring";
import { toListTimeSeriesRequest, type MetricQuery } from "./catalogue";
import { remainingMs, type CallBudget } from "./cache";
import { countUpstreamCall } from "./counter";
import type { Series } from "@/lib/core/series";
import { parseTimeSeries } from "./series";
import { toUpstreamError } from "./upstream-error";

/** A runaway page token must not turn one query into unbounded reads. */
export const MAX_PAGES = 50;

/**
 * Reads every page of one ListTimeSeries query. google-gax's own retries are switched off
 * (retries belong to the cache, which knows which codes deserve them); each page gets what
 * is left of the query's deadline.
 */
export async function readTimeSeries(
  client: MetricServiceClient,
  projectId: string,
  q: MetricQuery,
  budget: CallBudget,
): Promise<Series[]> {
  const base = toListTimeSeriesRequest(projectId, q);
  const out: Series[] = [];
  let pageToken = "";
  for (let page = 0; page < MAX_PAGES; page++) {
    const timeout = remainingMs(budget, "monitoring");
    countUpstreamCall("listTimeSeries");
    let response;
    try {
      [, , response] = await client.listTimeSeries(
        { ...base, pageToken },
        { autoPaginate: false, timeout, retry: { retryCodes: [] } },
      );
    } catch (err) {
      throw toUpstreamError(err, "monitoring");
    }
    for (const ts of response?.timeSeries ?? []) out.push(parseTimeSeries(ts, q));
    pageToken = response?.nextPageToken ?? "";
    if (!pageToken) return out;
  }
  console.warn(`ListTimeSeries ${q.id}: stopped after ${MAX_PAGES} pages`);
  return out;
}
