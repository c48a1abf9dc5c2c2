import { queryOptions } from "@tanstack/react-query";
import type { HistoryPage, TrackerView } from "@/lib/tracker/types";
import { fetchJson } from "./fetch-json";

/**
 * The tracker's queries, shared by the page's server prefetch and the browser's refresh.
 * Edits invalidate both keys, so a change shows up in the phases and in the history at once.
 */
export const TRACKER_KEY = ["tracker"] as const;
export const HISTORY_KEY = ["tracker-history"] as const;
export const HISTORY_LIMIT = 50;

export const trackerQuery = () =>
  queryOptions({ queryKey: TRACKER_KEY, queryFn: () => fetchJson<TrackerView>("/api/tracker") });

export const historyQuery = () =>
  queryOptions({
    queryKey: HISTORY_KEY,
    queryFn: () => fetchJson<HistoryPage>(`/api/tracker/history?limit=${HISTORY_LIMIT}`),
  });

/** A write to the tracker API; non-2xx answers throw FetchError with the API's message. */
export function sendJson<T>(method: "POST" | "PATCH" | "DELETE", url: string, body?: unknown): Promise<T> {
  return fetchJson<T>(url, { method, json: body });
}
