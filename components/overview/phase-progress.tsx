"use client";

import { OVERVIEW_HEIGHTS } from "./overview-skeleton";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Widget } from "@/components/query/widget";
import { useRefreshInterval } from "@/components/shell/live-refresh";
import { FigureCard } from "@/components/ui/figure-card";
import { StatusBadge } from "@/components/ui/status-badge";
import { phasesQuery } from "@/lib/query/overview-queries";

/** Resolution progress: n of N phases, the current one, and what blocks it. */
export function PhaseProgress() {
  const query = useQuery({ ...phasesQuery(), refetchInterval: useRefreshInterval() });
  return (
    <Widget query={query} title="Resolution progress" skeletonHeight={OVERVIEW_HEIGHTS.phases}>
      {(s, refreshFailed) => (
        <FigureCard
          title={`Incident #${s.incidentId}: resolution`}
          id="phase-card"
          freshness={{ measuredAt: s.evaluatedAt, stale: refreshFailed, ageSeconds: null }}
          maxAgeSeconds={300}
        >
          <p className="big-number" data-testid="phase-progress">
            {s.phasesDone} of {s.phasesTotal}
          </p>
          <p className="muted">phases done</p>
          {s.currentPhase ? (
            <p>
              Now: phase {s.currentPhase.order}, {s.currentPhase.name} <StatusBadge status={s.currentPhase.status} />
            </p>
          ) : (
            <p>All phases are done.</p>
          )}
          {s.blockedBy ? <p>{s.blockedBy}</p> : null}
          {s.readyToClose.length ? <p>Ready to close: {s.readyToClose.map((p) => p.name).join(", ")}.</p> : null}
          <Link href="/tracker">Open the tracker</Link>
        </FigureCard>
      )}
    </Widget>
  );
}
