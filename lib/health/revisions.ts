import type { Series } from "./series";
import { successRate, type StartupCounts } from "./startups";

/**
 * Start-up success per revision of a service (from the probes grouped by revision_name): the
 * revision serving now first, then the one before it — "backend-00042: 61% since 14:02;
 * backend-00041: 99.8%". A revision's span is from the start of its first period with start-ups
 * to the end of its last. Pure.
 */
export type RevisionFigure = {
  revision: string;
  counts: StartupCounts;
  successRate: number | null;
  /** Start of its first period with start-ups (epoch ms). */
  since: number;
  /** End of its last period with start-ups. */
  until: number;
};

const isHealthy = (label: string | undefined) => label?.toLowerCase() === "true";

export function revisionFigures(series: readonly Series[], service: string, periodMs: number): RevisionFigure[] {
  const byRevision = new Map<string, { counts: StartupCounts; first: number; last: number }>();
  for (const s of series) {
    const revision = s.labels.revision_name;
    if (s.labels.service_name !== service || !revision) continue;
    const r = byRevision.get(revision) ?? { counts: { healthy: 0, unhealthy: 0 }, first: Infinity, last: -Infinity };
    for (const p of s.points) {
      const n = p.v ?? 0;
      if (n <= 0) continue;
      if (isHealthy(s.labels.is_healthy)) r.counts.healthy += n;
      else r.counts.unhealthy += n;
      r.first = Math.min(r.first, p.t);
      r.last = Math.max(r.last, p.t);
    }
    byRevision.set(revision, r);
  }
  return [...byRevision.entries()]
    .filter(([, r]) => Number.isFinite(r.first))
    .map(([revision, r]) => ({
      revision,
      counts: r.counts,
      successRate: successRate(r.counts),
      since: r.first - periodMs,
      until: r.last,
    }))
    .sort((a, b) => b.until - a.until || b.since - a.since)
    .slice(0, 2);
}
