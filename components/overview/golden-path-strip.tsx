"use client";

import { OVERVIEW_HEIGHTS } from "./overview-skeleton";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Widget } from "@/components/query/widget";
import { OVERVIEW_REFRESH_MS, useRefreshInterval } from "@/components/shell/live-refresh";
import { MaintenanceMark } from "@/components/maintenance/maintenance-mark";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatClock, formatMs } from "@/lib/core/format";
import { goldenPathQuery } from "@/lib/query/overview-queries";

/** The golden-path probes as a strip: each with its status, latency and the time it was checked. */
export function GoldenPathStrip() {
  const query = useQuery({ ...goldenPathQuery(), refetchInterval: useRefreshInterval(OVERVIEW_REFRESH_MS) });
  return (
    <Widget query={query} title="Golden path" skeletonHeight={OVERVIEW_HEIGHTS.goldenPath}>
      {(g, refreshFailed) => (
        <section
          className={`card${refreshFailed ? " stale" : ""}`}
          aria-labelledby="golden-path-title"
          data-testid="golden-path"
        >
          <div className="card-head">
            <h2 id="golden-path-title">Golden path</h2>
            <Link href="/probes">All probes</Link>
          </div>
          {g.probes.length === 0 ? (
            <p className="muted">No probe is marked as golden path in the staging config.</p>
          ) : null}
          <ul className="strip">
            {g.probes.map((p) => (
              <li key={p.name} className={p.lastCheckedAt ? undefined : "stale"}>
                <Link href={`/probes/${encodeURIComponent(p.name)}`}>{p.name}</Link> <StatusBadge status={p.status} />{" "}
                <MaintenanceMark name={p.name} service={p.service} />
                <span className="as-of">
                  {p.lastCheckedAt
                    ? `${formatMs(p.lastLatencyMs)} · checked ${formatClock(p.lastCheckedAt)}`
                    : "not checked yet"}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Widget>
  );
}
