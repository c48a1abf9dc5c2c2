import { queryOptions } from "@tanstack/react-query";
import type {
  ConnectorResponse,
  DatabaseResponse,
  EventsResponse,
  OverviewResponse,
  StartupsResponse,
} from "@/lib/metrics/schemas";
import type { ChangesResponse } from "@/lib/metrics/changes-schema";
import { fetchJson } from "./fetch-json";

/**
 * Query options shared by the server's prefetch (which swaps in a direct call for queryFn)
 * and the browser's 30-second refresh. `search` is the canonical range search (rangeSearch).
 */
export const REFRESH_MS = 30_000;

export const overviewQuery = (search: string) =>
  queryOptions({
    queryKey: ["overview", search],
    queryFn: () => fetchJson<OverviewResponse>(`/api/overview?${search}`),
  });

export const startupsQuery = (search: string) =>
  queryOptions({
    queryKey: ["startups", search],
    queryFn: () => fetchJson<StartupsResponse>(`/api/metrics/startups?${search}`),
  });

export const connectorQuery = (search: string) =>
  queryOptions({
    queryKey: ["connector", search],
    queryFn: () => fetchJson<ConnectorResponse>(`/api/metrics/connector?${search}`),
  });

export const databaseQuery = (search: string) =>
  queryOptions({
    queryKey: ["database", search],
    queryFn: () => fetchJson<DatabaseResponse>(`/api/metrics/database?${search}`),
  });

export const eventsQuery = (search: string) =>
  queryOptions({ queryKey: ["events", search], queryFn: () => fetchJson<EventsResponse>(`/api/events?${search}`) });

/** Every change of the range (filters apply in the browser): one query shared by the Changes view and every chart's markers. */
export const changesQuery = (search: string) =>
  queryOptions({
    queryKey: ["changes", search],
    queryFn: () => fetchJson<ChangesResponse>(`/api/changes?${search}`),
  });
