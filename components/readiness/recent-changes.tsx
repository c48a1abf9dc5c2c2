"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Widget } from "@/components/query/widget";
import { useRefreshInterval } from "@/components/shell/live-refresh";
import { FigureCard } from "@/components/ui/figure-card";
import { rangeFreshness } from "@/components/ui/range-freshness";
import { formatClock } from "@/lib/core/format";
import { changesQuery } from "@/lib/query/dashboard-queries";
import { demoChangesWindow } from "@/lib/readiness/demo-window";

/** A clock that moves once a minute: the demo window's end is a whole minute. */
function useMinute(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(id);
  }, []);
  return now;
}

/**
 * Changes in the demo window (the last hour without a demo time; see demoChangesWindow). A
 * change just before a demo is worth a re-check; it is listed as something that happened, not
 * as the reason for a verdict. `demoAt`: the resolved demo time (ISO), when one was given.
 */
export function RecentChanges({ demoAt }: { demoAt?: string }) {
  const span = demoChangesWindow(demoAt ? new Date(demoAt) : undefined, useMinute());
  const query = useQuery({ ...changesQuery(span.search), refetchInterval: useRefreshInterval() });
  return (
    <Widget query={query} title={span.title} skeletonHeight={120}>
      {(data, refreshFailed) => {
        const { maxAge, mark } = rangeFreshness(data.range, refreshFailed);
        return (
          <FigureCard title={span.title} id="readiness-changes" freshness={mark(data)} maxAgeSeconds={maxAge}>
            {data.changes.length === 0 ? (
              <p data-testid="readiness-no-changes">
                {span.empty}
                {data.stale ? " (audit log as of the time shown; newer changes may be missing)" : ""}
              </p>
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
        );
      }}
    </Widget>
  );
}
