import type { Series } from "@/lib/core/series";
import { rateSeriesByService } from "@/lib/metrics/core/startups";
import type { ObservedBurst } from "./types";

/**
 * The burst the data shows: per service, the most instances started within one aligned
 * period of the range. Two signals, and the larger wins, because under-estimating a burst
 * would make the what-if look greener than staging is:
 *  - start-up attempts (startup probes completed, healthy or not) in one period: every
 *    instance that starts runs its startup probe, including instances that crash and die
 *    between two instance-count samples;
 *  - the rise of the instance count (all states) from one period to the next, for data
 *    where probes are missing.
 * A crash-looping instance may start twice in one period, so during an incident this leans
 * high; that is the safe side for capacity planning.
 */

/**
 * "At once" needs a short window: a period's count is an upper bound on any burst inside it,
 * and a long period adds up separate bursts and restarts. Two minutes (the 6h range) at most.
 */
export const MAX_BURST_WINDOW_SECONDS = 120;

type Signal = "startup-attempts" | "instance-count-rise";
type Candidate = { n: number; t: number; signal: Signal };

export function burstFromSeries(
  probes: readonly Series[],
  instances: readonly Series[],
  services: readonly string[],
  periodSeconds: number,
): ObservedBurst["services"] {
  const attempts = rateSeriesByService([...probes]);
  return services.map((name) => {
    const candidates: Candidate[] = (attempts.get(name) ?? []).map((p) => ({
      n: p.healthy + p.unhealthy,
      t: p.t,
      signal: "startup-attempts",
    }));

    const totals = new Map<number, number>();
    for (const s of instances) {
      if (s.labels.service_name !== name) continue;
      for (const p of s.points) if (p.v !== null) totals.set(p.t, (totals.get(p.t) ?? 0) + p.v);
    }
    const points = [...totals.entries()].sort((x, y) => x[0] - y[0]);
    points.forEach(([t, v], i) => {
      const prev = points[i - 1];
      // Only neighbouring periods: across a gap in the data the rise happened at an unknown pace.
      const rise = prev && t - prev[0] === periodSeconds * 1000 ? Math.max(0, v - prev[1]) : 0;
      candidates.push({ n: rise, t, signal: "instance-count-rise" });
    });

    // Ties go to the earlier candidate: probes first, then the earliest period.
    const best = candidates.reduce<Candidate | null>((b, c) => (b === null || c.n > b.n ? c : b), null);
    return best
      ? { name, instances: Math.round(best.n), at: new Date(best.t).toISOString(), signal: best.signal }
      : { name, instances: null, at: null, signal: null };
  });
}
