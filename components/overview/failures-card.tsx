"use client";

import Link from "next/link";
import { FigureCard, type Freshness } from "@/components/ui/figure-card";
import { CAUSES } from "@/lib/core/failure-causes";
import { CAUSE_LABELS } from "@/lib/metrics/cause-labels";
import { formatCount } from "@/lib/core/format";
import type { OverviewResponse } from "@/lib/metrics/schemas";

/** Failures in the range by cause; each count opens the matching events. */
export function FailuresCard({
  failures,
  freshness,
  maxAgeSeconds,
  search,
}: {
  failures: OverviewResponse["failures"];
  freshness: Freshness;
  maxAgeSeconds: number;
  search: string;
}) {
  const total = CAUSES.reduce((n, c) => n + failures.totals[c], 0);
  return (
    <FigureCard title="Failures by cause" id="failures-card" freshness={freshness} maxAgeSeconds={maxAgeSeconds}>
      <p className="big-number">{formatCount(total)}</p>
      <p className="muted">
        start-up failure log lines in the range
        {failures.truncated ? " (at least: more than 5,000 log entries, only the newest were read)" : ""}
        {failures.source === "log-metric" ? " — counted by log-based metrics" : " — from reading the log lines"}
      </p>
      {failures.note ? <p className="muted">{failures.note}</p> : null}
      <table>
        <caption className="sr-only">Failures in the range by cause</caption>
        <tbody>
          {CAUSES.map((cause) => (
            <tr key={cause}>
              <th scope="row">
                <Link href={`/startups?${search}&cause=${cause}#events`}>{CAUSE_LABELS[cause]}</Link>
              </th>
              <td>{formatCount(failures.totals[cause])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <a href={failures.explorerUrl} target="_blank" rel="noreferrer">
        Open in Logs Explorer
      </a>
    </FigureCard>
  );
}
