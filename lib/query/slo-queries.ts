import { queryOptions } from "@tanstack/react-query";
import type { SloResponse } from "@/lib/slo/schemas";
import { fetchJson } from "./fetch-json";

/** The SLO query, shared by the server prefetch (SLO page, Overview card) and the browser's refresh. */
export const SLO_KEY = ["slo"] as const;

export const sloQuery = () => queryOptions({ queryKey: SLO_KEY, queryFn: () => fetchJson<SloResponse>("/api/slo") });

/**
 * The Overview's error-budget card reads only the "all" SLO: its own key (under SLO_KEY, so the
 * same invalidations reach it) and `?service=all`, so the page does not carry every service's
 * 28-day burndown in its HTML (it was 112 KB of the Overview's 170 KB).
 */
export const overviewSloQuery = () =>
  queryOptions({
    queryKey: [...SLO_KEY, "service=all"] as const,
    queryFn: () => fetchJson<SloResponse>("/api/slo?service=all"),
  });
