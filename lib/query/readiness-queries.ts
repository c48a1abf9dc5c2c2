import { queryOptions } from "@tanstack/react-query";
import type { ReadinessView, SharedReadiness, ShareLinkView } from "@/lib/readiness/types";
import { fetchJson } from "./fetch-json";

/**
 * Demo readiness queries, shared by the pages' server prefetch and the browser's 30-second
 * refresh. `demoAt` is the URL's text ("15:00"), so server and client use the same key.
 */

export const READINESS_KEY = ["readiness"] as const;
export const SHARE_LINKS_KEY = ["readiness-share-links"] as const;

export const readinessUrl = (demoAt: string | undefined) =>
  `/api/readiness${demoAt ? `?demoAt=${encodeURIComponent(demoAt)}` : ""}`;

export const readinessQuery = (demoAt: string | undefined) =>
  queryOptions({
    queryKey: [...READINESS_KEY, demoAt ?? ""],
    queryFn: () => fetchJson<ReadinessView>(readinessUrl(demoAt)),
  });

export const shareLinksQuery = () =>
  queryOptions({
    queryKey: SHARE_LINKS_KEY,
    queryFn: () => fetchJson<{ links: ShareLinkView[] }>("/api/readiness/share-links"),
  });

export const sharedReadinessQuery = (token: string) =>
  queryOptions({
    queryKey: ["shared-readiness", token],
    queryFn: () => fetchJson<SharedReadiness>(`/api/share/${encodeURIComponent(token)}`),
    // An expired or revoked link will not come back: no retrying a 404/410.
    retry: false,
  });
