"use client";

import { changeMarkers } from "@/components/charts/markers";
import { TimeSeriesChart } from "@/components/charts/time-series";
import { ChangesNote, changesOn, onStartupPath, type ChartChanges } from "@/components/changes/chart-changes";
import { FigureCard } from "@/components/ui/figure-card";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatCount, formatPercent, formatSeconds } from "@/lib/core/format";
import { budgetLabel, budgetStatus, formatExhaustion } from "@/lib/slo/format";
import type { SloView } from "@/lib/slo/schemas";
import { BurnTable } from "./burn-table";

type Mark = <T extends { stale: boolean }>(f: T) => T;

/**
 * One SLO: attainment against the objective, the budget and its burndown (with the changes on
 * its services' start-up path as markers), burn per window, alerts.
 */
export function SloCard({
  slo,
  mark,
  changes,
  services,
}: {
  slo: SloView;
  mark: Mark;
  changes: ChartChanges;
  /** The services whose start-ups the SLO counts. */
  services: readonly string[];
}) {
  const remaining = mark(slo.budget.remaining);
  const who = slo.service === "all" ? "all services" : slo.service;
  const title =
    slo.source === "startups"
      ? `Start-up success — ${who}`
      : `${slo.rehearsal ? "Demo rehearsal" : "Probe"} success — ${slo.probes.join(", ")}`;
  const status = budgetStatus(remaining.value, remaining.stale);
  const firing = slo.alerts.filter((a) => a.status === "firing");
  return (
    <FigureCard title={title} id={`slo-${slo.id}`} freshness={remaining}>
      <p>
        <StatusBadge status={status} label={budgetLabel(remaining.value, remaining.stale)} />{" "}
        {firing.map((a) => (
          <StatusBadge key={a.rule} status="down" label={`${a.rule} ${a.severity} firing`} />
        ))}
      </p>
      <dl className="facts">
        <dt>Objective</dt>
        <dd>
          {formatPercent(slo.objective, 1)} over {slo.windowDays} days
        </dd>
        <dt>Attainment</dt>
        <dd data-testid={`slo-${slo.id}-attainment`}>
          {formatPercent(mark(slo.attainment).value, 2)} ({formatCount(slo.counts.good)} of{" "}
          {formatCount(slo.counts.total)} {slo.source === "startups" ? "start-ups" : "attempts"})
        </dd>
        <dt>Error budget left</dt>
        <dd data-testid={`slo-${slo.id}-budget`}>
          {formatPercent(remaining.value, 1)} — {formatCount(slo.budget.usedBad)} bad of{" "}
          {formatCount(slo.budget.allowedBad)} allowed
        </dd>
        <dt>Exhausted</dt>
        <dd>{formatExhaustion(slo.exhaustion)}</dd>
        <dt>Computed by</dt>
        <dd data-testid={`slo-${slo.id}-source`}>
          {slo.source === "startups"
            ? "Cloud Monitoring start-up probe counts (exported to Cloud Monitoring)"
            : "computed by Stagewatch from its probe roll-ups (good = up attempts; not exported to Cloud Monitoring)"}
        </dd>
        <dt>Alerts</dt>
        <dd data-testid={`slo-${slo.id}-alerting`}>
          {slo.alerting === "four-window" ? "four-window set" : "SRE workbook's three rules"}
        </dd>
        <dt>Maintenance</dt>
        <dd data-testid={`slo-${slo.id}-maintenance`}>{maintenanceText(slo.maintenance)}</dd>
        {slo.coverage < 1 ? (
          <>
            <dt>Coverage</dt>
            <dd>data for {formatPercent(slo.coverage, 0)} of the window&apos;s hours: figures cover only that part</dd>
          </>
        ) : null}
      </dl>
      <Burndown slo={slo} who={who} remaining={remaining.value} changes={changes} services={services} />
      <BurnTable slo={slo} rules={slo.rules} mark={mark} />
    </FigureCard>
  );
}

function Burndown({
  slo,
  who,
  remaining,
  changes,
  services,
}: {
  slo: SloView;
  who: string;
  remaining: number | null;
  changes: ChartChanges;
  services: readonly string[];
}) {
  const rows = slo.burndown.map((p) => ({ t: new Date(p.t).toISOString(), remaining: p.remaining }));
  const marked = changesOn(changes, onStartupPath(services));
  const markers = changeMarkers(marked, rows);
  return (
    <>
      <TimeSeriesChart
        title={`Error budget burndown, ${who}`}
        summary={`Error budget left over the ${slo.windowDays}-day window, hour by hour; now ${formatPercent(remaining, 1)}.`}
        series={[{ key: "remaining", label: "budget left", color: "var(--chart-1)" }]}
        rows={rows}
        format={(v) => formatPercent(v, 0)}
        references={[{ y: 0, label: "exhausted" }]}
        markers={markers}
        height={180}
      />
      <ChangesNote changes={changes} subject={`the start-up path of ${who}`} count={markers.length} />
    </>
  );
}

/** Whether the SLO's owner left maintenance out of its budget, and how much of its window that was. */
function maintenanceText(m: { excluded: boolean; minutesInWindow: number | null }): string {
  const minutes =
    m.minutesInWindow === null
      ? "the windows could not be read"
      : `${formatSeconds(m.minutesInWindow * 60)} in maintenance in this window`;
  return m.excluded ? `excluded from the budget (${minutes})` : `counted in the budget (${minutes})`;
}
