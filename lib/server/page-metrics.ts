import "server-only";
import { getStagingConfig } from "@/lib/config/staging-config";
import { rangeSearch, timeRangeOrDefault } from "@/lib/core/time-range";
import { metricsContext, type MetricsContext } from "@/lib/gcp/read-context";
import { getReader } from "@/lib/gcp/reader";

export type PageSearchParams = Record<string, string | string[] | undefined>;

/**
 * What a server page needs to prefetch metrics: the context the API would build for the
 * same URL, and the canonical search string that keys the client's query.
 */
export function pageMetrics(searchParams: PageSearchParams): { ctx: () => MetricsContext; search: string } {
  return {
    search: rangeSearch(searchParams),
    // Built lazily, at load time, so "now" is when the data is read.
    ctx: () => {
      const now = new Date();
      return metricsContext(getReader(), getStagingConfig(), timeRangeOrDefault(searchParams, now), now.getTime());
    },
  };
}
