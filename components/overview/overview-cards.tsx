"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Widget } from "@/components/query/widget";
import { OVERVIEW_REFRESH_MS, useRefreshInterval } from "@/components/shell/live-refresh";
import { FigureCard } from "@/components/ui/figure-card";
import { overviewQuery } from "@/lib/query/dashboard-queries";
import type { OverviewResponse } from "@/lib/metrics/schemas";
import { OverviewSkeleton } from "./overview-skeleton";
import { VerdictBanner } from "./verdict-banner";
import { StartupCard } from "./startup-card";
import { FailuresCard } from "./failures-card";
import { formatBitsPerSecond, formatCount, formatPercent } from "@/lib/core/format";
import { maxPointAgeSeconds } from "@/lib/core/figure";
import { StatusBadge } from "@/components/ui/status-badge";

/** Leadership's view of staging: the verdict first, then the figures behind it. */
export function OverviewCards({ search }: { search: string }) {
  const query = useQuery({ ...overviewQuery(search), refetchInterval: useRefreshInterval(OVERVIEW_REFRESH_MS) });
  return (
    <Widget query={query} title="Staging health" placeholder={<OverviewSkeleton />}>
      {(data, refreshFailed) => <OverviewBody data={data} search={search} refreshFailed={refreshFailed} />}
    </Widget>
  );
}

function OverviewBody({
  data,
  search,
  refreshFailed,
}: {
  data: OverviewResponse;
  search: string;
  refreshFailed: boolean;
}) {
  // Figures carry the server's staleAfter; the response-level freshness (the failures read) uses the same rule.
  const maxAge = maxPointAgeSeconds(data.range.alignmentSeconds);
  const mark = <T extends { stale: boolean }>(f: T): T => (refreshFailed ? { ...f, stale: true } : f);
  const { connector, database } = data;
  return (
    <>
      <VerdictBanner verdict={data.verdict} servedStale={refreshFailed} />
      <div className="grid grid-quad" data-testid="overview-figures">
        <StartupCard
          startups={data.startups}
          freshness={mark(data.startups.now)}
          maxAgeSeconds={maxAge}
          search={search}
        />
        <FailuresCard failures={data.failures} freshness={mark(data)} maxAgeSeconds={maxAge} search={search} />
        <FigureCard
          title="VPC connector"
          id="connector-card"
          freshness={mark(connector.headroom)}
          maxAgeSeconds={maxAge}
        >
          <p className="big-number">
            {formatPercent(connector.headroom.value ? connector.headroom.value.headroomPercent / 100 : null, 0)}
          </p>
          <p className="muted">headroom on {connector.machineType}</p>
          <p>
            {formatBitsPerSecond(connector.headroom.value?.throughputBps)} of{" "}
            {formatBitsPerSecond(connector.headroom.value?.ceilingBps)} ceiling
            {connector.ceilingSource === "configured" ? " (configured, not documented)" : ""} · instances{" "}
            {formatCount(connector.limits.current)} (min {connector.limits.min}, max {connector.limits.max})
          </p>
          {connector.headroom.value?.saturated && !connector.headroom.stale ? (
            <p className="error-text" data-testid="connector-saturated">
              Saturated: at its ceiling, traffic queues.
            </p>
          ) : null}
          {connector.limits.atMax ? (
            <p className="error-text">At its maximum instance count: it cannot scale out further.</p>
          ) : null}
          <Link href={`/connector?${search}`}>Connector details</Link>
        </FigureCard>
        <FigureCard title="Cloud SQL" id="database-card" freshness={mark(database.backends)} maxAgeSeconds={maxAge}>
          <p>
            <StatusBadge status={database.up.value === null ? "unknown" : database.up.value ? "up" : "down"} />
          </p>
          <p>
            Connections {formatCount(database.backends.value?.used)} of {formatCount(database.backends.value?.max)} (
            {formatPercent(database.backends.value?.ratio, 0)})
          </p>
          <Link href={`/database?${search}`}>Database details</Link>
        </FigureCard>
      </div>
    </>
  );
}
