"use client";

import { useQuery } from "@tanstack/react-query";
import { changeMarkers } from "@/components/charts/markers";
import { toRows } from "@/components/charts/rows";
import { ChangesNote, changesOn } from "@/components/changes/chart-changes";
import { RangeWidget, rangeFreshness, type RangeChartsProps } from "@/components/charts/range-widget";
import { TimeSeriesChart } from "@/components/charts/time-series";
import { useRefreshInterval } from "@/components/shell/live-refresh";
import { FigureCard } from "@/components/ui/figure-card";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatCount, formatDateTime, formatPercent } from "@/lib/core/format";
import type { DatabaseResponse } from "@/lib/metrics/schemas";
import { databaseQuery } from "@/lib/query/dashboard-queries";
import { UpBand } from "./up-band";

/** Cloud SQL: up/down over time, connections against max_connections, CPU and memory. */
export function DatabaseCharts({ search }: { search: string }) {
  const query = useQuery({ ...databaseQuery(search), refetchInterval: useRefreshInterval() });
  return (
    <RangeWidget query={query} search={search} title="Cloud SQL">
      {(props) => <Charts {...props} />}
    </RangeWidget>
  );
}

function Charts({ data, refreshFailed, changes }: RangeChartsProps<DatabaseResponse>) {
  const { maxAge, mark } = rangeFreshness(data.range, refreshFailed);
  const { database: db, up, backends } = data;
  // Changes to this Cloud SQL instance (tier, flags, restarts).
  const ours = changesOn(
    changes,
    (c) => c.resource.type === "database" && (c.resource.name === db.instanceId || c.resource.name === db.databaseId),
  );
  const backendRows = toRows({ backends: backends.points });
  const resourceRows = toRows({ cpu: data.cpu.points, memory: data.memory.points });
  const note = <ChangesNote changes={changes} subject={`Cloud SQL ${db.instanceId}`} count={ours.length} />;
  const upStatus = up.current.value === null ? "unknown" : up.current.value ? "up" : "down";
  return (
    <>
      <div className="grid">
        <FigureCard
          title={`${db.instanceId} (${db.databaseId})`}
          id="db-up-card"
          freshness={mark(up.current)}
          maxAgeSeconds={maxAge}
        >
          <p>
            <StatusBadge status={upStatus} />
          </p>
          <UpBand band={up.band} from={Date.parse(data.range.from)} to={Date.parse(data.range.to)} />
        </FigureCard>
        <FigureCard
          title="Connections"
          id="db-connections-card"
          freshness={mark(backends.current)}
          maxAgeSeconds={maxAge}
        >
          <p className="big-number">{formatCount(backends.current.value?.used)}</p>
          <p className="muted">
            of max_connections {formatCount(db.maxConnections)} ({formatPercent(backends.current.value?.ratio, 0)} used)
          </p>
        </FigureCard>
      </div>
      <div style={{ height: "1rem" }} />
      <div className="grid grid-wide">
        <FigureCard
          title="Backends against max_connections"
          id="backends-chart"
          freshness={mark(data)}
          maxAgeSeconds={maxAge}
        >
          <TimeSeriesChart
            title="Database backends"
            summary={`Open connections (backends) over the range; peak ${formatCount(Math.max(0, ...backends.points.map((p) => p.v ?? 0)))} against max_connections ${db.maxConnections}.`}
            series={[{ key: "backends", label: "backends", color: "var(--chart-1)" }]}
            rows={backendRows}
            format={formatCount}
            references={[{ y: backends.max, label: `max_connections ${backends.max}` }]}
            markers={changeMarkers(ours, backendRows)}
            yDomain={[0, Math.max(backends.max * 1.1, ...backends.points.map((p) => p.v ?? 0))]}
          />
          {note}
        </FigureCard>
        <FigureCard title="CPU and memory" id="db-resources-chart" freshness={mark(data)} maxAgeSeconds={maxAge}>
          <TimeSeriesChart
            title="Database CPU and memory"
            summary={`CPU utilisation (latest ${formatPercent(data.cpu.current.value, 0)}) and memory utilisation (latest ${formatPercent(data.memory.current.value, 0)}).`}
            series={[
              { key: "cpu", label: "CPU", color: "var(--chart-2)" },
              { key: "memory", label: "memory", color: "var(--chart-3)" },
            ]}
            rows={resourceRows}
            format={(v) => formatPercent(v, 0)}
            markers={changeMarkers(ours, resourceRows)}
            yDomain={[0, 1]}
          />
        </FigureCard>
      </div>
      <p className="muted">
        Range {formatDateTime(data.range.from)} – {formatDateTime(data.range.to)}.
      </p>
    </>
  );
}
