"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Widget } from "@/components/query/widget";
import { useRefreshInterval } from "@/components/shell/live-refresh";
import { DataTable } from "@/components/ui/data-table";
import { FigureCard } from "@/components/ui/figure-card";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatClock, formatMs, formatPercent } from "@/lib/core/format";
import { phaseLabel, STATUS_MEANING } from "@/lib/probes/view/labels";
import type { ProbeDetail } from "@/lib/probes/core/types";
import { probeDetailQuery } from "@/lib/query/probe-queries";
import { ConditionsTable } from "./conditions-table";
import { JourneyCards } from "./journey-view";
import { PhaseWaterfall } from "./phase-waterfall";
import { RunNowButton } from "./run-now-button";

/** One probe: its state, the last check phase by phase, its conditions, uptime and state changes. */
export function ProbeDetailView({ name, canRun }: { name: string; canRun: boolean }) {
  const query = useQuery({ ...probeDetailQuery(name), refetchInterval: useRefreshInterval() });
  return (
    <Widget query={query} title={`Probe ${name}`} skeletonHeight={420}>
      {(data, refreshFailed) => <Body data={data} canRun={canRun} refreshFailed={refreshFailed} />}
    </Widget>
  );
}

function Body({ data, canRun, refreshFailed }: { data: ProbeDetail; canRun: boolean; refreshFailed: boolean }) {
  const s = data.summary;
  const last = data.lastResult;
  const freshness = { measuredAt: last?.checkedAt ?? null, stale: refreshFailed || s.stale, ageSeconds: null };
  return (
    <div className="grid grid-wide">
      <FigureCard title="Status" id="probe-status" freshness={freshness}>
        <p>
          <StatusBadge status={s.status} /> <span className="muted">{STATUS_MEANING[s.status]}</span>
        </p>
        <dl className="probe-facts">
          <dt>Target</dt>
          <dd>
            <code>{data.target}</code> ({s.type}, every {s.intervalSeconds} s, timeout {formatMs(data.timeoutMs)})
          </dd>
          {s.dependsOn.length ? (
            <>
              <dt>Depends on</dt>
              <dd>
                {s.dependsOn.map((d, i) => (
                  <span key={d}>
                    {i ? ", " : ""}
                    <Link href={`/probes/${d}`}>{d}</Link>
                  </span>
                ))}
              </dd>
            </>
          ) : null}
          {s.suspectedCause ? (
            <>
              <dt>Likely cause</dt>
              <dd className="probe-cause">
                <Link href={`/probes/${s.suspectedCause}`}>{s.suspectedCause}</Link> is failing too
              </dd>
            </>
          ) : null}
          <dt>Last check</dt>
          <dd suppressHydrationWarning>
            {last
              ? `${formatClock(last.checkedAt, { seconds: true })}: ${last.status}${last.errorClass ? ` (${last.errorClass})` : ""}`
              : "never"}
          </dd>
          {last?.errorMessage ? (
            <>
              <dt>Error</dt>
              <dd className="error-text" data-testid="probe-error">
                {last.errorMessage}
              </dd>
            </>
          ) : null}
          <dt>Uptime</dt>
          <dd>
            1h {formatPercent(data.uptime["1h"])} · 24h {formatPercent(data.uptime["24h"])} · 7d{" "}
            {formatPercent(data.uptime["7d"])} · 30d {formatPercent(data.uptime["30d"])}
          </dd>
        </dl>
        {canRun ? <RunNowButton name={s.name} /> : null}
      </FigureCard>
      {data.rehearsal ? (
        <JourneyCards rehearsal={data.rehearsal} freshness={freshness} />
      ) : (
        <>
          <FigureCard title="Last check, phase by phase" id="probe-waterfall" freshness={freshness}>
            {last ? <PhaseWaterfall result={last} /> : <p className="muted">No check has run yet.</p>}
          </FigureCard>
          <FigureCard title="Conditions" id="probe-conditions" freshness={freshness}>
            <ConditionsTable conditions={last?.conditions ?? []} />
          </FigureCard>
        </>
      )}
      <FigureCard title="Latency per phase, last 24 hours" id="probe-phase-latency" freshness={freshness}>
        {data.phases24h.length ? (
          <DataTable columns={["Phase", "p50", "p95", "p99", "Samples"]}>
            {data.phases24h.map((p) => (
              <tr key={p.phase}>
                <th scope="row">{phaseLabel(p.phase)}</th>
                <td>{formatMs(p.p50)}</td>
                <td>{formatMs(p.p95)}</td>
                <td>{formatMs(p.p99)}</td>
                <td>{p.n}</td>
              </tr>
            ))}
          </DataTable>
        ) : (
          <p className="muted">No completed phases in the last 24 hours.</p>
        )}
      </FigureCard>
      <FigureCard title="Recent state changes" id="probe-changes" freshness={freshness}>
        {data.changes.length ? (
          <ol className="history" data-testid="state-changes">
            {data.changes.map((c) => (
              <li key={`${c.at}-${c.to}`} suppressHydrationWarning>
                {formatClock(c.at, { seconds: true })} <span className="muted">{c.at.slice(0, 10)}</span>:{" "}
                <StatusBadge status={c.from} /> → <StatusBadge status={c.to} />{" "}
                <span className="muted">{c.reason}</span>
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">No state changes recorded.</p>
        )}
      </FigureCard>
    </div>
  );
}
