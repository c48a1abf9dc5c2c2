"use client";

import { toneOf } from "@/components/ui/status-badge";
import { formatAge, formatClock } from "@/lib/format";
import type { Freshness } from "@/components/ui/figure-card";

const WORD = { healthy: "Healthy", degraded: "Degraded", down: "Down", unknown: "Unknown" } as const;

/** The one answer leadership looks for; stale data can never show a confident colour. */
export function VerdictBanner({
  verdict,
  freshness,
  maxAgeSeconds,
}: {
  verdict: { status: keyof typeof WORD; reason: string };
  freshness: Freshness;
  maxAgeSeconds: number;
}) {
  const stale = freshness.stale || !freshness.measuredAt || (freshness.ageSeconds ?? 0) > maxAgeSeconds;
  const tone = stale ? "unknown" : toneOf(verdict.status);
  return (
    <section className={`banner status-${tone}`} aria-labelledby="verdict-title" data-testid="verdict" data-status={verdict.status} data-stale={stale}>
      <h2 id="verdict-title" style={{ margin: 0 }}>
        Staging is {WORD[verdict.status].toLowerCase()}
        {stale ? " (stale data)" : ""}
      </h2>
      <p style={{ margin: "0.25rem 0 0" }}>{verdict.reason}</p>
      <p className="as-of" suppressHydrationWarning>
        as of {formatClock(freshness.measuredAt)} ({formatAge(freshness.ageSeconds)} ago)
      </p>
    </section>
  );
}
