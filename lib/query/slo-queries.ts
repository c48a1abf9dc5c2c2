import { queryOptions } from "@tanstack/react-query";
import type { SloResponse } from "@/lib/slo/schemas";
import { fetchJson } from "./fetch-json";

/** The SLO query, shared by the server prefetch (SLO page, Overview card) and the browser's refresh. */
export const SLO_KEY = ["slo"] as const;

export const sloQuery = () => queryOptions({ queryKey: SLO_KEY, queryFn: () => fetchJson<SloResponse>("/api/slo") });
