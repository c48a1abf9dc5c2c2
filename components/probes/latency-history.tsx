"use client";

import { useQuery } from "@tanstack/react-query";
import { changeMarkers } from "@/components/charts/markers";
import { TimeSeriesChart } from "@/components/charts/time-series";
import { ChangesNote, changesOn, useChartChanges } from "@/components/changes/chart-changes";
import { Widget } from "@/components/query/widget";
import { useRefreshInterval } from "@/components/shell/live-refresh";
import { FigureCard } from "@/components/ui/figure-card";
import { formatMs, formatPercent } from "@/lib/core/format";
import { probeHistoryQuery } from "@/lib/query/probe-queries";

/** Latency (p50, p95) and uptime of one probe over the URL's time range. */
export function LatencyHistory({ name, search }: { name: string; search: string }) {
  const query = useQuery({ ...probeHistoryQuery(name, search), refetchInterval: useRefreshInterval() });
  const changes = useChartChanges(search);
  // A probe has no resource of its own in the config: every change to staging's services,
  // connector, database and secrets may touch what it checks.
  const staging = changesOn(changes, (c) => c.resource.type !== "project");
  return (
    <Widget query={query} title="Latency history" skeletonHeight={280}>
      {(data, refreshFailed) => {
        const withData = data.points.filter((p) => p.checks > 0);
        const lastT = withData.at(-1)?.t ?? null;
        const checks = withData.reduce((s, p) => s + p.checks, 0);
        const up = withData.reduce((s, p) => s + p.up, 0);
        const p95s = data.points.map((p) => p.p95).filter((v): v is number => v !== null);
        const worst = p95s.length ? formatMs(Math.max(...p95s)) : "unknown (no completed check)";
        const rows = data.points.map((p) => ({ t: p.t, p50: p.p50, p95: p.p95 }));
        return (
          <FigureCard
            title="Latency history"
            id="probe-history"
            freshness={{ measuredAt: lastT, stale: refreshFailed, ageSeconds: null }}
          >
            <p>
              {checks} checks in the range, {formatPercent(checks ? up / checks : null)} up; one point per{" "}
              {data.stepSeconds >= 3600 ? `${data.stepSeconds / 3600} h` : `${data.stepSeconds / 60} min`}.
            </p>
            <TimeSeriesChart
              title={`${name} latency`}
              summary={`Completed checks of ${name}: p50 and p95 of the whole attempt per step; the worst p95 in the range is ${worst}. Gaps are steps without a completed check.`}
              series={[
                { key: "p50", label: "p50", color: "var(--chart-1)" },
                { key: "p95", label: "p95", color: "var(--chart-2)" },
              ]}
              rows={rows}
              format={formatMs}
              markers={changeMarkers(staging, rows, "start")}
            />
            <ChangesNote changes={changes} subject="staging" count={staging.length} />
          </FigureCard>
        );
      }}
    </Widget>
  );
}
