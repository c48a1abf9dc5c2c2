"use client";

import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import { useRefreshInterval } from "@/components/shell/live-refresh";
import { formatClock } from "@/lib/core/format";
import type { ChangesResponse, ChangeView } from "@/lib/metrics/changes-schema";
import { changesQuery } from "@/lib/query/dashboard-queries";

/**
 * The range's changes for a view's chart markers. Unknown (the audit log could not be read) is
 * said as such: a chart without markers then never reads as "nothing changed".
 */
export type ChartChanges =
  | { state: "loading" }
  | { state: "unknown"; reason: string }
  | { state: "known"; changes: ChangeView[]; stale: boolean; measuredAt: string | null };

export function useChartChanges(search: string): ChartChanges {
  const query = useQuery({ ...changesQuery(search), refetchInterval: useRefreshInterval() });
  return chartChangesOf(query);
}

/** What a chart may say about changes, from its changes query: no answer and an error is unknown. */
export function chartChangesOf(q: Pick<UseQueryResult<ChangesResponse>, "data" | "isError" | "error">): ChartChanges {
  if (q.data === undefined) {
    if (q.isError) return { state: "unknown", reason: q.error instanceof Error ? q.error.message : "unreadable" };
    return { state: "loading" };
  }
  return {
    state: "known",
    changes: q.data.changes,
    stale: q.data.stale || q.isError,
    measuredAt: q.data.measuredAt,
  };
}

/** The changes a chart marks: those on the resources it draws. */
export function changesOn(c: ChartChanges, keep: (change: ChangeView) => boolean): ChangeView[] {
  return c.state === "known" ? c.changes.filter(keep) : [];
}

/** Start-ups go through the services, the connector, Cloud SQL and their secrets: changes to any of them are marked. */
export const onStartupPath = (services: readonly string[]) => (c: { resource: { type: string; name: string } }) =>
  c.resource.type === "service" ? services.includes(c.resource.name) : c.resource.type !== "project";

/** One line under a chart's markers: what is known about changes to `subject`. */
export function ChangesNote({ changes, subject, count }: { changes: ChartChanges; subject: string; count: number }) {
  if (changes.state === "loading") return null;
  if (changes.state === "unknown")
    return (
      <p className="notice" data-testid="changes-unknown">
        Changes unknown: the audit log could not be read ({changes.reason}). Missing markers do not mean nothing
        changed.
      </p>
    );
  const asOf = changes.stale
    ? ` (audit log as of ${formatClock(changes.measuredAt)}; newer changes may be missing)`
    : "";
  return (
    <p className="muted" data-testid="changes-note">
      {count
        ? `${count} change${count === 1 ? "" : "s"} to ${subject} marked`
        : `No changes to ${subject} in the range`}
      {asOf}.
    </p>
  );
}
