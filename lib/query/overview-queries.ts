import { queryOptions } from "@tanstack/react-query";
import type { GoldenPath } from "@/lib/probes/view/golden-path";
import type { TrackerSummary } from "@/lib/tracker/summarize";
import { fetchJson } from "./fetch-json";

/** The Overview's widgets that do not depend on the time range. */
export const phasesQuery = () =>
  queryOptions({ queryKey: ["overview-phases"], queryFn: () => fetchJson<TrackerSummary>("/api/overview/phases") });

export const goldenPathQuery = () =>
  queryOptions({
    queryKey: ["overview-golden-path"],
    queryFn: () => fetchJson<GoldenPath>("/api/overview/golden-path"),
  });
