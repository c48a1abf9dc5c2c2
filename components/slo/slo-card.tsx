"use client";

import { TimeSeriesChart } from "@/components/charts/time-series";
import { FigureCard } from "@/components/ui/figure-card";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatCount, formatPercent, formatSeconds } from "@/lib/format";
import { budgetLabel, budgetStatus, formatExhaustion } from "@/lib/slo/format";
import type { SloResponse, SloView } from "@/lib/slo/schemas";
import { BurnTable } from "./burn-table";

type Mark = <T extends { stale: boolean }>(f: T) => T;

/** One SLO: attainment against the objective, the budget and its burndown, burn per window, alerts. */
export function SloCard({ slo, rules, mark }: { slo: SloView; rules: SloResponse["rules"]; mark: Mark }) {
  const remaining = mark(slo.budget.remaining);
  const who = slo.service === "all" ? "all services" : slo.service;
  const status = budgetStatus(remaining.value, remaining.stale);
  const firing = slo.alerts.filter((a) => a.status === "firing");
  return (
    <FigureCard title={`Start-up success — ${who}`} id={`slo-${slo.id}`} freshness={remaining}>
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
          {formatCount(slo.counts.total)} start-ups)
        </dd>
        <dt>Error budget left</dt>
        <dd data-testid={`slo-${slo.id}-budget`}>
          {formatPercent(remaining.value, 1)} — {formatCount(slo.budget.usedBad)} bad of{" "}
          {formatCount(slo.budget.allowedBad)} allowed
        </dd>
        <dt>Exhausted</dt>
        <dd>{formatExhaustion(slo.exhaustion)}</dd>
        <dt>Maintenance</dt>
        <dd data-testid={`slo-${slo.id}-maintenance`}>{maintenanceText(slo.maintenance)}</dd>
        {slo.coverage < 1 ? (
          <>
            <dt>Coverage</dt>
            <dd>data for {formatPercent(slo.coverage, 0)} of the window&apos;s hours: figures cover only that part</dd>
          </>
        ) : null}
      </dl>
      <TimeSeriesChart
        title={`Error budget burndown, ${who}`}
        summary={`Error budget left over the ${slo.windowDays}-day window, hour by hour; now ${formatPercent(remaining.value, 1)}.`}
        series={[{ key: "remaining", label: "budget left", color: "var(--chart-1)" }]}
        rows={slo.burndown.map((p) => ({ t: new Date(p.t).toISOString(), remaining: p.remaining }))}
        format={(v) => formatPercent(v, 0)}
        references={[{ y: 0, label: "exhausted" }]}
        height={180}
      />
      <BurnTable slo={slo} rules={rules} mark={mark} />
    </FigureCard>
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
