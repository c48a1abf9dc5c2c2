"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { changeMarkers } from "@/components/charts/markers";
import { toRows } from "@/components/charts/rows";
import { ChangesNote, changesOn } from "@/components/changes/chart-changes";
import { RangeWidget, rangeFreshness, type RangeChartsProps } from "@/components/charts/range-widget";
import { TimeSeriesChart } from "@/components/charts/time-series";
import { useRefreshInterval } from "@/components/shell/live-refresh";
import { FigureCard } from "@/components/ui/figure-card";
import { formatBitsPerSecond, formatClock, formatCount, formatPercent } from "@/lib/core/format";
import type { ConnectorResponse } from "@/lib/metrics/schemas";
import { connectorQuery } from "@/lib/query/dashboard-queries";

/** The VPC connector: throughput against its ceiling, instances, CPU and headroom. */
export function ConnectorCharts({ search }: { search: string }) {
  const query = useQuery({ ...connectorQuery(search), refetchInterval: useRefreshInterval() });
  return (
    <RangeWidget query={query} search={search} title="VPC connector">
      {(props) => <Charts {...props} />}
    </RangeWidget>
  );
}

function Charts({ data, refreshFailed, changes }: RangeChartsProps<ConnectorResponse>) {
  const { maxAge, mark } = rangeFreshness(data.range, refreshFailed);
  const { connector: c, headroom, instances } = data;
  const markers = data.scaleOuts.map((s) => ({ t: new Date(s.t).toISOString(), label: `${s.from}→${s.to}` }));
  const scaleText = data.scaleOuts.length
    ? `Scale-outs: ${data.scaleOuts.map((s) => `${formatClock(new Date(s.t))} ${s.from}→${s.to}`).join(", ")}.`
    : "No scale-out in the range.";
  const rows = toRows({
    sent: data.throughput.map((p) => ({ t: p.t, v: p.sent })),
    received: data.throughput.map((p) => ({ t: p.t, v: p.received })),
    ceiling: data.ceiling.map((p) => ({ t: p.t, v: p.bps })),
  });
  const instanceRows = toRows({ instances: instances.points });
  // Changes to this connector (resizes, failed ones included: they say what was tried).
  const ours = changesOn(changes, (ch) => ch.resource.type === "connector" && ch.resource.name === c.name);
  const note = <ChangesNote changes={changes} subject={`connector ${c.name}`} count={ours.length} />;
  return (
    <>
      <div className="grid">
        <FigureCard title="Headroom now" id="headroom-card" freshness={mark(headroom.now)} maxAgeSeconds={maxAge}>
          <p className="big-number">
            {formatPercent(headroom.now.value ? headroom.now.value.headroomPercent / 100 : null, 0)}
          </p>
          <p className="muted">
            {formatBitsPerSecond(headroom.now.value?.throughputBps)} of{" "}
            {formatBitsPerSecond(headroom.now.value?.ceilingBps)} ({c.machineType} ×{" "}
            {formatCount(headroom.now.value?.instances)})
          </p>
          {headroom.now.value?.saturated && !headroom.now.stale ? (
            <p className="error-text" data-testid="connector-saturated">
              Saturated: at the ceiling in force, traffic queues.
            </p>
          ) : null}
          {headroom.min ? (
            <p>
              Tightest: {formatPercent(headroom.min.headroomPercent / 100, 0)} at{" "}
              {formatClock(new Date(headroom.min.t))}
            </p>
          ) : null}
        </FigureCard>
        <FigureCard title="Instances" id="instances-card" freshness={mark(instances.current)} maxAgeSeconds={maxAge}>
          <p className="big-number">{formatCount(instances.current.value)}</p>
          <p className="muted">
            min {instances.limits.min} · max {instances.limits.max}
          </p>
          {instances.limits.atMax ? (
            <p className="error-text">At maximum: the connector cannot scale out further.</p>
          ) : null}
          {instances.limits.belowMin ? <p className="error-text">Below the configured minimum.</p> : null}
        </FigureCard>
        <section className="card">
          <h2>
            {c.name} <span className="muted">({c.region})</span>
          </h2>
          <p data-testid="ceiling-source">
            {c.machineType}, {formatBitsPerSecond(c.ceilingBpsPerInstance)} per instance
            {c.ceilingSource === "configured"
              ? ` (configured, not documented: Google documents ${formatBitsPerSecond(c.documentedBpsPerInstance)})`
              : " (as Google documents it)"}
            .
          </p>
          <Link href="/what-if">What if we resize it? Try the capacity what-if</Link>
        </section>
      </div>
      <div style={{ height: "1rem" }} />
      <div className="grid grid-wide">
        <FigureCard
          title="Throughput against the ceiling"
          id="throughput-chart"
          freshness={mark(data)}
          maxAgeSeconds={maxAge}
        >
          <TimeSeriesChart
            title="Connector throughput"
            summary={`Bits per second sent and received through ${c.name}; the ceiling is ${c.machineType} capacity × instances in force. ${scaleText}`}
            series={[
              { key: "sent", label: "sent", color: "var(--chart-1)" },
              { key: "received", label: "received", color: "var(--chart-2)" },
              { key: "ceiling", label: "ceiling", color: "var(--bad)", dashed: true },
            ]}
            rows={rows}
            format={formatBitsPerSecond}
            markers={[...markers, ...changeMarkers(ours, rows)]}
          />
          {note}
        </FigureCard>
        <FigureCard
          title="Instances against min/max"
          id="instances-chart"
          freshness={mark(data)}
          maxAgeSeconds={maxAge}
        >
          <TimeSeriesChart
            title="Connector instances"
            summary={`Instances over the range (min ${instances.limits.min}, max ${instances.limits.max}). ${scaleText}`}
            series={[{ key: "instances", label: "instances", color: "var(--chart-1)" }]}
            rows={instanceRows}
            format={formatCount}
            references={[
              { y: instances.limits.max, label: `max ${instances.limits.max}` },
              { y: instances.limits.min, label: `min ${instances.limits.min}`, color: "var(--muted)" },
            ]}
            markers={[...markers, ...changeMarkers(ours, instanceRows)]}
            yDomain={[0, Math.max(instances.limits.max + 1, ...instances.points.map((p) => p.v ?? 0))]}
          />
          {note}
        </FigureCard>
        <FigureCard title="CPU p99 and headroom" id="cpu-chart" freshness={mark(data)} maxAgeSeconds={maxAge}>
          <TimeSeriesChart
            title="Connector CPU p99 and headroom"
            summary={`p99 CPU across connector instances (latest ${formatPercent(data.cpuP99[data.cpuP99.length - 1]?.v)}) and throughput headroom (latest ${formatPercent((data.headroom.series[data.headroom.series.length - 1]?.headroomPercent ?? NaN) / 100, 0)}).`}
            series={[
              { key: "cpu", label: "CPU p99", color: "var(--chart-3)" },
              { key: "headroom", label: "headroom", color: "var(--ok)" },
            ]}
            rows={toRows({
              cpu: data.cpuP99,
              headroom: data.headroom.series.map((h) => ({ t: h.t, v: h.headroomPercent / 100 })),
            })}
            format={(v) => formatPercent(v, 0)}
            yDomain={[0, 1]}
          />
        </FigureCard>
      </div>
    </>
  );
}
