import type { Series } from "@/lib/core/series";
import { successRate, type StartupCounts } from "./startups";

/**
 * Start-up success per revision of a service (from the probes grouped by revision_name): the
 * revision serving now first, then the one before it — "backend-00042: 61% since 14:02;
 * backend-00041: 99.8%". A revision's span is from the start of its first period with start-ups
 * to the end of its last. Latency the same way: each revision's newest p95 beside the other's.
 * Pure.
 */
export type RevisionFigure = {
  revision: string;
  counts: StartupCounts;
  successRate: number | null;
  /** Start of its first period with start-ups (epoch ms). */
  since: number;
  /** End of its last period with start-ups. */
  until: number;
  /**
   * Start-up latency p95 (ms) of its newest period with a figure, and that period's end; null
   * when latency by revision was not read or has no point for it (unknown, not fast).
   */
  latencyP95: { ms: number; t: number } | null;
};

const isHealthy = (label: string | undefined) => label?.toLowerCase() === "true";

/** The newest p95 point of each revision of `service` (from the latency read grouped by revision_name). */
function newestP95(latency: readonly Series[] | null, service: string): Map<string, { ms: number; t: number }> {
  const out = new Map<string, { ms: number; t: number }>();
  for (const s of latency ?? []) {
    const revision = s.labels.revision_name;
    if (s.labels.service_name !== service || !revision) continue;
    for (const p of s.points) {
      if (p.v === null) continue;
      const seen = out.get(revision);
      if (!seen || p.t > seen.t) out.set(revision, { ms: p.v, t: p.t });
    }
  }
  return out;
}

export function revisionFigures(
  series: readonly Series[],
  service: string,
  periodMs: number,
  latencyP95: readonly Series[] | null = null,
): RevisionFigure[] {
  const p95 = newestP95(latencyP95, service);
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
      latencyP95: p95.get(revision) ?? null,
    }))
    .sort((a, b) => b.until - a.until || b.since - a.since)
    .slice(0, 2);
}
