import type { Point, Series } from "@/lib/core/series";

/**
 * Start-up success: healthy ÷ (healthy + unhealthy) startup probes. With no start-ups there
 * is nothing to divide — the rate is unknown (null), never 100%.
 */

export const STARTUP_TARGET = 0.95;
export const STARTUP_DOWN_BELOW = 0.5;

export type StartupCounts = { healthy: number; unhealthy: number };
export type RatePoint = { t: number; rate: number | null; healthy: number; unhealthy: number };

export function successRate(c: StartupCounts): number | null {
  const total = c.healthy + c.unhealthy;
  return total > 0 ? c.healthy / total : null;
}

const isHealthy = (label: string | undefined) => label?.toLowerCase() === "true";

/**
 * Per-service rate series from the completed_probe_count query (summed per service_name ×
 * is_healthy). Services listed in `expected` appear even without data, so a service that
 * never started shows as unknown instead of disappearing.
 */
export function rateSeriesByService(series: Series[], expected: readonly string[] = []): Map<string, RatePoint[]> {
  const byService = new Map<string, Map<number, StartupCounts>>();
  for (const name of expected) byService.set(name, new Map());
  for (const s of series) {
    const service = s.labels.service_name;
    if (!service) continue;
    let counts = byService.get(service);
    if (!counts) byService.set(service, (counts = new Map()));
    const healthy = isHealthy(s.labels.is_healthy);
    for (const p of s.points) {
      const c = counts.get(p.t) ?? { healthy: 0, unhealthy: 0 };
      const n = p.v ?? 0;
      if (healthy) c.healthy += n;
      else c.unhealthy += n;
      counts.set(p.t, c);
    }
  }
  const out = new Map<string, RatePoint[]>();
  for (const [service, counts] of byService) {
    out.set(
      service,
      [...counts.entries()].sort(([a], [b]) => a - b).map(([t, c]) => ({ t, ...c, rate: successRate(c) })),
    );
  }
  return out;
}

/** All services together, period by period. */
export function overallRateSeries(byService: Map<string, RatePoint[]>): RatePoint[] {
  const counts = new Map<number, StartupCounts>();
  for (const points of byService.values()) {
    for (const p of points) {
      const c = counts.get(p.t) ?? { healthy: 0, unhealthy: 0 };
      c.healthy += p.healthy;
      c.unhealthy += p.unhealthy;
      counts.set(p.t, c);
    }
  }
  return [...counts.entries()].sort(([a], [b]) => a - b).map(([t, c]) => ({ t, ...c, rate: successRate(c) }));
}

/** Counts of the periods that end in (fromMs, toMs]. */
export function countsInWindow(points: readonly RatePoint[], fromMs: number, toMs: number): StartupCounts {
  const c = { healthy: 0, unhealthy: 0 };
  for (const p of points) {
    if (p.t > fromMs && p.t <= toMs) {
      c.healthy += p.healthy;
      c.unhealthy += p.unhealthy;
    }
  }
  return c;
}

export type LatencySummary = { p50: number | null; p95: number | null; p99: number | null; t: number | null };

function latest(points: readonly Point[]): Point | null {
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i];
    if (p && p.v !== null) return p;
  }
  return null;
}

/**
 * The newest p50/p95/p99 start-up latency (ms) per service, from the three percentile
 * queries. `t` is the newest of the three points, null when none had a value.
 */
export function latestLatency(
  bySeries: { p50: Series[]; p95: Series[]; p99: Series[] },
  service: string,
): LatencySummary {
  const pick = (list: Series[]) => {
    const candidates = list.filter((s) => s.labels.service_name === service).map((s) => latest(s.points));
    // Several series for one service (a reducer not applied): the slowest is the honest one.
    return candidates.reduce<Point | null>(
      (worst, p) => (p && (!worst || (p.v ?? 0) > (worst.v ?? 0)) ? p : worst),
      null,
    );
  };
  const p50 = pick(bySeries.p50);
  const p95 = pick(bySeries.p95);
  const p99 = pick(bySeries.p99);
  const times = [p50, p95, p99].flatMap((p) => (p ? [p.t] : []));
  return { p50: p50?.v ?? null, p95: p95?.v ?? null, p99: p99?.v ?? null, t: times.length ? Math.max(...times) : null };
}

/**
 * When the current run of failing periods (success below `target`) began: the start of its
 * first period, or null when the run reaches back to the range's first point (it began before
 * the range). Undefined when the newest period with start-ups is not failing. Points are dated
 * by the end of their period.
 */
export function failingSince(
  series: readonly RatePoint[],
  periodMs: number,
  target = STARTUP_TARGET,
): number | null | undefined {
  const measured = series.filter((p) => p.rate !== null);
  let i = measured.length - 1;
  const newest = measured[i];
  if (!newest || (newest.rate ?? 1) >= target) return undefined;
  while (i > 0 && (measured[i - 1]?.rate ?? 1) < target) i--;
  if (i === 0 && series[0] === measured[0]) return null;
  return (measured[i]?.t ?? newest.t) - periodMs;
}
