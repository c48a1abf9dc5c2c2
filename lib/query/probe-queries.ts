import { queryOptions } from "@tanstack/react-query";
import type { ProbeDetail, ProbeHistory, ProbesResponse } from "@/lib/probes/core/types";
import { fetchJson } from "./fetch-json";

/**
 * Probe queries, shared by the server's prefetch (which calls lib directly under the same
 * key) and the browser's 30-second refresh. `search` is the canonical range (rangeSearch).
 */
export const probesQuery = () =>
  queryOptions({ queryKey: ["probes"], queryFn: () => fetchJson<ProbesResponse>("/api/probes") });

export const probeDetailQuery = (name: string) =>
  queryOptions({
    queryKey: ["probe", name],
    queryFn: () => fetchJson<ProbeDetail>(`/api/probes/${encodeURIComponent(name)}`),
  });

export const probeHistoryQuery = (name: string, search: string) =>
  queryOptions({
    queryKey: ["probe-history", name, search],
    queryFn: () => fetchJson<ProbeHistory>(`/api/probes/${encodeURIComponent(name)}/history?${search}`),
  });
