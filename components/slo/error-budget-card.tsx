"use client";

import { OVERVIEW_HEIGHTS } from "@/components/overview/overview-skeleton";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Widget } from "@/components/query/widget";
import { useRefreshInterval } from "@/components/shell/live-refresh";
import { FigureCard } from "@/components/ui/figure-card";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatPercent } from "@/lib/core/format";
import { overviewSloQuery } from "@/lib/query/slo-queries";
import { budgetLabel, budgetStatus, formatExhaustion } from "@/lib/slo/format";

/** The Overview's "error budget left" for all services together. */
export function ErrorBudgetCard() {
  const query = useQuery({ ...overviewSloQuery(), refetchInterval: useRefreshInterval() });
  return (
    <Widget query={query} title="Error budget" skeletonHeight={OVERVIEW_HEIGHTS.errorBudget}>
      {(data, refreshFailed) => {
        const all = data.slos.find((s) => s.service === "all");
        const remaining = all ? { ...all.budget.remaining, stale: all.budget.remaining.stale || refreshFailed } : null;
        const firing = all?.alerts.filter((a) => a.status === "firing") ?? [];
        return (
          <FigureCard title="Error budget left" id="error-budget-card" freshness={remaining}>
            <p className="big-number" data-testid="error-budget-left">
              {formatPercent(remaining?.value, 0)}
            </p>
            <p>
              <StatusBadge
                status={budgetStatus(remaining?.value ?? null, remaining?.stale ?? true)}
                label={budgetLabel(remaining?.value ?? null, remaining?.stale ?? true)}
              />{" "}
              {firing.map((a) => (
                <StatusBadge key={a.rule} status="down" label={`${a.rule} ${a.severity}`} />
              ))}
            </p>
            {all ? (
              <p className="muted">
                start-up success ≥ {formatPercent(all.objective, 0)} over {all.windowDays} days · exhausted{" "}
                {formatExhaustion(all.exhaustion)}
              </p>
            ) : null}
            <Link href="/slo">SLO details</Link>
          </FigureCard>
        );
      }}
    </Widget>
  );
}
