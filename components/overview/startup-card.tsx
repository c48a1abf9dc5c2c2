"use client";

import Link from "next/link";
import { FigureCard, type Freshness } from "@/components/ui/figure-card";
import { formatCount, formatPercent } from "@/lib/core/format";
import type { OverviewResponse } from "@/lib/metrics/schemas";
import { Sparkline } from "./sparkline";

/** The headline number: start-up success now against the 95% target. */
export function StartupCard({
  startups,
  freshness,
  maxAgeSeconds,
  search,
}: {
  startups: OverviewResponse["startups"];
  freshness: Freshness;
  maxAgeSeconds: number;
  search: string;
}) {
  const value = startups.now.value;
  const total = startups.counts.healthy + startups.counts.unhealthy;
  const below = value !== null && value < startups.target;
  const window =
    startups.windowSeconds >= 3600 ? "the last hour" : `the last ${Math.round(startups.windowSeconds / 60)} minutes`;
  return (
    <FigureCard title="Start-up success" id="startup-card" freshness={freshness} maxAgeSeconds={maxAgeSeconds}>
      <p className={`big-number${below ? " error-text" : ""}`} data-testid="startup-rate">
        {formatPercent(value)}
      </p>
      <p className="muted">
        target {formatPercent(startups.target, 0)} ·{" "}
        {total
          ? `${formatCount(startups.counts.healthy)} of ${formatCount(total)} start-ups healthy in ${window}`
          : `no start-ups in ${window}: unknown`}
      </p>
      <Sparkline points={startups.series} target={startups.target} />
      <Link href={`/startups?${search}`}>Start-up details</Link>
    </FigureCard>
  );
}
