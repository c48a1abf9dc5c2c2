"use client";

import { toneOf } from "@/components/ui/status-badge";
import { isPast, useClock } from "@/components/ui/use-clock";
import { formatAge, formatClock } from "@/lib/core/format";
import type { OverviewResponse } from "@/lib/metrics/schemas";

const WORD = {
  healthy: "Healthy",
  degraded: "Degraded",
  down: "Down",
  unknown: "Unknown",
  maintenance: "In maintenance",
} as const;

/**
 * The one answer leadership looks for. Stale data can never keep a confident colour or words:
 * past the verdict's `staleAfter` (by the browser's own clock, also while refresh is paused or
 * failing) it reads "Healthy as of 02:22 UTC — now unknown (data is 6 min old)", in grey.
 */
export function VerdictBanner({
  verdict,
  servedStale,
}: {
  verdict: OverviewResponse["verdict"];
  servedStale: boolean;
}) {
  const now = useClock(verdict.staleAfter);
  const stale = servedStale || isPast(verdict.staleAfter, now);
  const tone = stale ? "unknown" : toneOf(verdict.status);
  const dataAge =
    verdict.measuredAt && now !== null ? Math.max(0, Math.round((now - Date.parse(verdict.measuredAt)) / 1000)) : null;
  const title =
    stale && verdict.status !== "unknown"
      ? `${WORD[verdict.status]} as of ${formatClock(verdict.measuredAt)} — now unknown${dataAge !== null ? ` (data is ${formatAge(dataAge)} old)` : ""}`
      : `Staging is ${WORD[verdict.status].toLowerCase()}`;
  const m = verdict.maintenance;
  return (
    <section
      className={`banner status-${tone}`}
      aria-labelledby="verdict-title"
      data-testid="verdict"
      data-status={verdict.status}
      data-shown={stale ? "unknown" : verdict.status}
      data-stale={stale}
    >
      <h2 id="verdict-title" style={{ margin: 0 }} suppressHydrationWarning>
        {title}
      </h2>
      {m ? (
        <p style={{ margin: "0.25rem 0 0" }} data-testid="verdict-maintenance" className="maintenance-note">
          <span className="badge status-maintenance">maintenance</span> {m.reason} — until {formatClock(m.endsAt)}
        </p>
      ) : null}
      <ul className="reasons" data-testid="verdict-reasons" style={{ margin: "0.25rem 0 0", paddingLeft: "1.2rem" }}>
        {verdict.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      {verdict.likelyCause ? (
        <p style={{ margin: "0.25rem 0 0" }} data-testid="likely-cause">
          Likely cause: {verdict.likelyCause}.
        </p>
      ) : null}
      <p className="as-of" suppressHydrationWarning>
        {verdict.measuredAt
          ? `as of ${formatClock(verdict.measuredAt)}${dataAge !== null ? ` (${formatAge(dataAge)} ago)` : ""}`
          : "no data"}
        {verdict.staleAfter && !stale ? ` · unknown after ${formatClock(verdict.staleAfter)} without newer data` : ""}
      </p>
    </section>
  );
}
