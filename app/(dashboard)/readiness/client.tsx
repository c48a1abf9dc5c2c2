"use client";

import { useQuery } from "@tanstack/react-query";
import { Widget } from "@/components/query/widget";
import { DemoRisk } from "@/components/readiness/demo-risk";
import { DemoTimeForm } from "@/components/readiness/demo-time-form";
import { ReasonList } from "@/components/readiness/reason-list";
import { RecheckButton } from "@/components/readiness/recheck-button";
import { VerdictHeadline } from "@/components/readiness/verdict-headline";
import { useRefreshInterval } from "@/components/shell/live-refresh";
import { useClock } from "@/components/ui/use-clock";
import { formatClock } from "@/lib/core/format";
import { readinessQuery } from "@/lib/query/readiness-queries";

/** A verdict older than this was not refreshed (the page polls every 30 s): it is shown as not current. */
const NOT_CURRENT_AFTER_MS = 120_000;

/** The verdict for sales: the big answer, why, the demo-time risk and the evidence; refreshed every 30 s. */
export function ReadinessClient({ demoAt, demoAtError }: { demoAt: string | undefined; demoAtError: string | null }) {
  const query = useQuery({ ...readinessQuery(demoAt), refetchInterval: useRefreshInterval() });
  const now = useClock();
  return (
    <Widget query={query} title="Demo readiness" skeletonHeight={260}>
      {(v, refreshFailed) => {
        const stale = refreshFailed || (now !== null && now - Date.parse(v.checkedAt) > NOT_CURRENT_AFTER_MS);
        return (
          <div className="readiness">
            <VerdictHeadline verdict={v.verdict} summary={v.summary} checkedAt={v.checkedAt} stale={stale}>
              <RecheckButton demoAt={demoAt} />
            </VerdictHeadline>
            <DemoTimeForm demoAt={demoAt} error={demoAtError} />
            {v.demoAt ? <DemoRisk demoAt={v.demoAt} risks={v.demoRisk ?? []} /> : null}
            <section className="card" aria-labelledby="reasons-title">
              <h2 id="reasons-title">Why</h2>
              <ReasonList reasons={v.reasons} evidence={v.evidence} />
            </section>
            {v.changes.length ? (
              <section className="card" aria-labelledby="changes-title">
                <h2 id="changes-title">Recent changes</h2>
                {v.since ? <p className="muted">{`${v.verdict} since ${formatClock(v.since)}.`}</p> : null}
                <ul className="verdict-changes" data-testid="verdict-changes">
                  {v.changes.map((c) => (
                    <li key={c.seq}>
                      {formatClock(c.at)}: {c.from ? `${c.from} → ` : "first verdict: "}
                      {c.to}
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
          </div>
        );
      }}
    </Widget>
  );
}
