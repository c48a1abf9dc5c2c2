"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Widget } from "@/components/query/widget";
import { useRefreshInterval } from "@/components/shell/live-refresh";
import { FigureCard } from "@/components/ui/figure-card";
import { MaintenanceMark } from "@/components/maintenance/maintenance-mark";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatClock, formatMs, formatPercent } from "@/lib/core/format";
import { STATUS_MEANING } from "@/lib/probes/view/labels";
import type { ProbeSummary } from "@/lib/probes/core/types";
import { probesQuery } from "@/lib/query/probe-queries";

/** The two cards, in this order: the golden path first, then what it depends on. */
const GROUPS = [
  { id: "golden-path", title: "Golden path", goldenPath: true },
  { id: "dependencies", title: "Dependencies and other targets", goldenPath: false },
] as const;

/** Every configured target: the golden path first, then what it depends on. */
export function ProbesTable() {
  const query = useQuery({ ...probesQuery(), refetchInterval: useRefreshInterval() });
  return (
    <Widget query={query} title="Probes" skeletonHeight={360}>
      {(data, refreshFailed) => (
        <div className="probe-groups">
          {GROUPS.map((g) => (
            <Group
              key={g.id}
              id={g.id}
              title={g.title}
              probes={data.probes.filter((p) => p.goldenPath === g.goldenPath)}
              all={data.probes}
              refreshFailed={refreshFailed}
            />
          ))}
        </div>
      )}
    </Widget>
  );
}

/** The dependency chain under a probe, e.g. "backend-health → cloudsql-socket". */
function chain(p: ProbeSummary, all: ProbeSummary[], seen = new Set<string>()): string[] {
  const first = p.dependsOn[0];
  const next = all.find((x) => x.name === first);
  if (!next || seen.has(next.name)) return [];
  return [next.name, ...chain(next, all, new Set([...seen, p.name]))];
}

function Group({
  id,
  title,
  probes,
  all,
  refreshFailed,
}: {
  id: string;
  title: string;
  probes: ProbeSummary[];
  all: ProbeSummary[];
  refreshFailed: boolean;
}) {
  const checked = probes
    .map((p) => p.lastCheckedAt)
    .filter((t): t is string => t !== null)
    .sort();
  // The card is as fresh as its oldest row: one target without a result greys it out.
  const freshness = {
    measuredAt: probes.every((p) => p.lastCheckedAt) ? (checked[0] ?? null) : null,
    stale: refreshFailed || probes.some((p) => p.stale),
    ageSeconds: null,
  };
  if (probes.length === 0) return null;
  return (
    <FigureCard title={title} id={id} freshness={freshness}>
      <table data-testid={`${id}-table`}>
        <caption className="sr-only">{title}: status, last check, latency, uptime and p95 of each target</caption>
        <thead>
          <tr>
            <th scope="col">Target</th>
            <th scope="col">Status</th>
            <th scope="col">Last check</th>
            <th scope="col">Took</th>
            <th scope="col">Uptime 24h</th>
            <th scope="col">Uptime 7d</th>
            <th scope="col">p95 24h</th>
          </tr>
        </thead>
        <tbody>
          {probes.map((p) => {
            const deps = chain(p, all);
            return (
              <tr key={p.name} data-testid={`probe-row-${p.name}`}>
                <th scope="row">
                  <Link href={`/probes/${p.name}`}>{p.name}</Link> <span className="muted">({p.type})</span>
                  {p.description ? <div className="muted probe-desc">{p.description}</div> : null}
                  {deps.length ? <div className="muted probe-desc">depends on {deps.join(" → ")}</div> : null}
                </th>
                <td>
                  <StatusBadge status={p.status} /> <MaintenanceMark name={p.name} service={p.service} />
                  <div className="muted probe-desc">{STATUS_MEANING[p.status]}</div>
                  {p.suspectedCause ? (
                    <div className="probe-cause">
                      likely cause: <Link href={`/probes/${p.suspectedCause}`}>{p.suspectedCause}</Link>
                    </div>
                  ) : null}
                </td>
                <td suppressHydrationWarning>
                  {p.lastCheckedAt ? `as of ${formatClock(p.lastCheckedAt, { seconds: true })}` : "never"}
                  {p.stale ? <div className="muted">stale: not checked for 3 intervals</div> : null}
                </td>
                <td>{formatMs(p.lastLatencyMs)}</td>
                <td>{formatPercent(p.uptime24h)}</td>
                <td>{formatPercent(p.uptime7d)}</td>
                <td>{formatMs(p.p95Ms24h)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </FigureCard>
  );
}
