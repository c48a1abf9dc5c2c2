import { rangeSearch } from "@/lib/core/time-range";

type SearchLike = URLSearchParams | Record<string, string | string[] | undefined>;

const get = (p: SearchLike, k: string): string | undefined => {
  const v = p instanceof URLSearchParams ? (p.get(k) ?? undefined) : p[k];
  const one = Array.isArray(v) ? v[0] : v;
  return one ? one : undefined;
};

export type EventFiltersInUrl = { service?: string; revision?: string; cause?: string; page: number };

/** The events table's filters as they live in the page URL (?service=&revision=&cause=&page=). */
export function eventFilters(params: SearchLike): EventFiltersInUrl {
  const page = Number(get(params, "page") ?? "1");
  return {
    service: get(params, "service"),
    revision: get(params, "revision"),
    cause: get(params, "cause"),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/**
 * Canonical search for GET /api/events: the range, then the filters in a fixed order, so
 * the server's prefetch and the browser's query share one cache entry.
 */
export function eventsSearch(params: SearchLike): string {
  const f = eventFilters(params);
  const parts = [rangeSearch(params)];
  if (f.service) parts.push(`service=${encodeURIComponent(f.service)}`);
  if (f.revision) parts.push(`revision=${encodeURIComponent(f.revision)}`);
  if (f.cause) parts.push(`cause=${encodeURIComponent(f.cause)}`);
  if (f.page > 1) parts.push(`page=${f.page}`);
  return parts.join("&");
}
