"use client";

import { useQuery } from "@tanstack/react-query";
import { Widget } from "@/components/query/widget";
import { useRefreshInterval } from "@/components/shell/live-refresh";
import { FigureCard } from "@/components/ui/figure-card";
import { formatClock } from "@/lib/format";
import { changesQuery } from "@/lib/query/dashboard-queries";

/** The readiness checks look at the last hour: the changes made in it, in plain words. */
const SEARCH = "range=1h";

/**
 * Changes in the hour the readiness checks look at. A change just before a demo is worth a
 * re-check; it is listed as something that happened, not as the reason for a verdict.
 */
export function RecentChanges() {
  const query = useQuery({ ...changesQuery(SEARCH), refetchInterval: useRefreshInterval() });
  return (
    <Widget query={query} title="Changes in the last hour" skeletonHeight={120}>
      {(data, refreshFailed) => (
        <FigureCard
          title="Changes in the last hour"
          id="readiness-changes"
          freshness={{ ...data, stale: data.stale || refreshFailed }}
          maxAgeSeconds={2 * data.range.alignmentSeconds}
        >
          {data.changes.length === 0 ? (
            <p data-testid="readiness-no-changes">Nothing was deployed or reconfigured in the last hour.</p>
          ) : (
            <ul data-testid="readiness-changes">
              {data.changes.map((c) => (
                <li key={c.id}>
                  {formatClock(c.startedAt)}: {c.summary}
                </li>
              ))}
            </ul>
          )}
          <p className="muted">
            A change just before a demo is worth a re-check; it is not by itself a reason for NO-GO.
          </p>
        </FigureCard>
      )}
    </Widget>
  );
}
