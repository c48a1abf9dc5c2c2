"use client";

import { useQuery } from "@tanstack/react-query";
import { changeMarkers } from "@/components/charts/markers";
import { toRows } from "@/components/charts/rows";
import { ChangesNote, changesOn, onStartupPath } from "@/components/changes/chart-changes";
import { RangeWidget, rangeFreshness, type RangeChartsProps } from "@/components/charts/range-widget";
import { TimeSeriesChart, type SeriesDef } from "@/components/charts/time-series";
import { useRefreshInterval } from "@/components/shell/live-refresh";
import { FigureCard } from "@/components/ui/figure-card";
import { CAUSES } from "@/lib/core/failure-causes";
import { CAUSE_LABELS } from "@/lib/metrics/cause-labels";
import { formatClock, formatCount, formatMs, formatPercent } from "@/lib/core/format";
import type { StartupsResponse } from "@/lib/metrics/schemas";
import { startupsQuery } from "@/lib/query/dashboard-queries";

const COLORS = ["var(--chart-1)", "var(--chart-2)", "var(--chart-3)", "var(--ok)", "var(--warn)"];
const color = (i: number) => COLORS[i % COLORS.length] ?? "var(--accent)";

/** Start-up success, latency, instances and failures per service over the URL's range. */
export function StartupCharts({ search }: { search: string }) {
  const query = useQuery({ ...startupsQuery(search), refetchInterval: useRefreshInterval() });
  return (
    <RangeWidget query={query} search={search} title="Start-ups">
      {(props) => <Charts {...props} />}
    </RangeWidget>
  );
}

/** Per service, the revision serving now beside the one before it: "backend-00042-xqf: 61.0% since 14:02 UTC, p95 1 min 26 s". */
function RevisionLines({ services }: { services: StartupsResponse["services"] }) {
  const withRevisions = services.filter((s) => s.revisions.length > 0);
  if (!withRevisions.length) return null;
  return (
    <ul className="revision-list" aria-label="Start-up success by revision" data-testid="revision-lines">
      {withRevisions.map((s) => (
        <li key={s.service}>
          <strong>{s.service}</strong>:{" "}
          {s.revisions
            .map(
              (r, i) =>
                `${r.revision}: ${formatPercent(r.successRate)} (${r.counts.healthy} of ${r.counts.healthy + r.counts.unhealthy}) ${i === 0 ? `since ${formatClock(new Date(r.since))}` : `until ${formatClock(new Date(r.until))}`}, start-up p95 ${r.latencyP95 ? `${formatMs(r.latencyP95.ms)} at ${formatClock(new Date(r.latencyP95.t))}` : "unknown"}`,
            )
            .join("; ")}
        </li>
      ))}
    </ul>
  );
}

function Charts({ data, refreshFailed, changes }: RangeChartsProps<StartupsResponse>) {
  const { maxAge, mark } = rangeFreshness(data.range, refreshFailed);
  const fresh = mark(data);
  const rateSeries: SeriesDef[] = data.services.map((s, i) => ({ key: s.service, label: s.service, color: color(i) }));
  const rateRows = toRows(
    Object.fromEntries(data.services.map((s) => [s.service, s.series.map((p) => ({ t: p.t, v: p.rate }))])),
  );
  const rateSummary = data.services
    .map(
      (s) =>
        `${s.service}: ${formatPercent(s.successRate.value)} (${s.counts.healthy} of ${s.counts.healthy + s.counts.unhealthy})`,
    )
    .join("; ");
  const services = data.services.map((s) => s.service);
  const pathChanges = changesOn(changes, onStartupPath(services));
  const serviceChanges = (service: string) =>
    changesOn(changes, (c) => c.resource.type === "service" && c.resource.name === service);
  const causeRows = toRows(
    Object.fromEntries(CAUSES.map((c) => [c, data.failures.windows.map((w) => ({ t: w.t, v: w.counts[c] }))])),
  );
  return (
    <div className="grid grid-wide">
      <FigureCard title="Success rate per service" id="startup-rate-chart" freshness={fresh} maxAgeSeconds={maxAge}>
        <p>
          Overall <strong>{formatPercent(data.overall.successRate.value)}</strong> in the range against the{" "}
          {formatPercent(data.target, 0)} target.
        </p>
        <TimeSeriesChart
          title="Start-up success rate"
          summary={`Start-up success in the range — ${rateSummary || "no services"}. Dashed line: the ${formatPercent(data.target, 0)} target. Gaps are periods with no start-ups.`}
          series={rateSeries}
          rows={rateRows}
          format={(v) => formatPercent(v)}
          references={[{ y: data.target, label: `target ${formatPercent(data.target, 0)}` }]}
          markers={changeMarkers(pathChanges, rateRows)}
          yDomain={[0, 1]}
        />
        <ChangesNote changes={changes} subject="the start-up path" count={pathChanges.length} />
        <RevisionLines services={data.services} />
      </FigureCard>
      {data.services.map((s) => (
        <FigureCard
          key={s.service}
          title={`${s.service}: start-up latency`}
          freshness={mark(s.latency)}
          maxAgeSeconds={maxAge}
        >
          <TimeSeriesChart
            title={`${s.service} start-up latency`}
            summary={`Latest ${s.service} start-up latency: p50 ${formatMs(s.latency.value?.p50)}, p95 ${formatMs(s.latency.value?.p95)}, p99 ${formatMs(s.latency.value?.p99)}.`}
            series={[
              { key: "p50", label: "p50", color: "var(--chart-1)" },
              { key: "p95", label: "p95", color: "var(--chart-2)" },
              { key: "p99", label: "p99", color: "var(--chart-3)", dashed: true },
            ]}
            rows={toRows(s.latencySeries)}
            format={formatMs}
            markers={changeMarkers(serviceChanges(s.service), toRows(s.latencySeries))}
          />
          <TimeSeriesChart
            title={`${s.service} instances`}
            summary={`${s.service} instances by state: ${s.instances.map((i) => `${i.state} ${formatCount(i.points[i.points.length - 1]?.v)}`).join(", ") || "no data"} (latest).`}
            series={s.instances.map((i, n) => ({ key: i.state, label: i.state, color: color(n) }))}
            rows={toRows(Object.fromEntries(s.instances.map((i) => [i.state, i.points])))}
            format={formatCount}
            height={160}
          />
        </FigureCard>
      ))}
      <FigureCard
        title="Failures by cause over time"
        id="failure-causes-chart"
        freshness={fresh}
        maxAgeSeconds={maxAge}
      >
        <TimeSeriesChart
          title="Failures by cause"
          summary={`Failures in the range: ${CAUSES.map((c) => `${CAUSE_LABELS[c]} ${formatCount(data.failures.totals[c])}`).join(", ")}${data.failures.truncated ? " (at least; the read was capped)" : ""}.`}
          series={CAUSES.map((c, i) => ({ key: c, label: CAUSE_LABELS[c], color: color(i) }))}
          rows={causeRows}
          format={formatCount}
          markers={changeMarkers(pathChanges, causeRows)}
        />
        <p className="muted">
          {data.failures.source === "log-metric" ? "Counted by log-based metrics." : "Counted from the log lines read."}
          {data.failures.note ? ` ${data.failures.note}` : ""}
        </p>
      </FigureCard>
    </div>
  );
}
