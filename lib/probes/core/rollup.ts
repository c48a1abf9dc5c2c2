import { addSample, mergeInto, type Histogram } from "./histogram";
import type { ProbeResult } from "./types";

/**
 * Roll-up arithmetic, pure. Every result is added to its minute, hour and UTC-day bucket; a
 * window is then read as the fewest whole buckets that cover it (days in the middle, hours
 * and minutes at the edges), so 30 days of uptime for one probe is ~100 rows, not 43,200.
 */

export const GRAINS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
export type Grain = keyof typeof GRAINS;
const COARSE_FIRST: Grain[] = ["d", "h", "m"];

export interface Counts {
  checks: number;
  up: number;
  degraded: number;
  down: number;
  missing: number;
}

export const ZERO_COUNTS: Counts = { checks: 0, up: 0, degraded: 0, down: 0, missing: 0 };

/** Whether a bucket keeps running totals: minute rows of the `total` phase. */
export const isCumulative = (a: { phase: string; grain: Grain }): boolean => a.phase === "total" && a.grain === "m";

/** One bucket's status counts (phase "total") and latency figures. */
export interface Agg extends Counts {
  probe: string;
  phase: string;
  grain: Grain;
  bucket: number;
  n: number;
  sumMs: number;
  maxMs: number;
  hist: Histogram;
  /** Running totals and latency histogram before this bucket (cumulative rows only). */
  base: Counts;
  baseHist: Histogram;
}

/** Running latency histogram through the end of this bucket. */
export function cumulativeHist(a: Agg): Histogram {
  const h: Histogram = new Map(a.baseHist);
  mergeInto(h, a.hist);
  return h;
}

/** Running totals through the end of this bucket. */
export function cumulativeOf(a: Agg): Counts {
  return {
    checks: a.base.checks + a.checks,
    up: a.base.up + a.up,
    degraded: a.base.degraded + a.degraded,
    down: a.base.down + a.down,
    missing: a.base.missing + a.missing,
  };
}

export function aggKey(probe: string, phase: string, grain: Grain, bucket: number): string {
  return `${probe}\u0000${phase}\u0000${grain}\u0000${bucket}`;
}

export function emptyAgg(probe: string, phase: string, grain: Grain, bucket: number): Agg {
  return {
    probe,
    phase,
    grain,
    bucket,
    checks: 0,
    up: 0,
    degraded: 0,
    down: 0,
    missing: 0,
    n: 0,
    sumMs: 0,
    maxMs: 0,
    hist: new Map(),
    base: { ...ZERO_COUNTS },
    baseHist: new Map(),
  };
}

export function bucketOf(t: number, grain: Grain): number {
  return Math.floor(t / GRAINS[grain]) * GRAINS[grain];
}

export interface Sample {
  phase: string;
  ms: number | null;
  /** Status counts go on the `total` row only. */
  status: ProbeResult["status"] | null;
}

/**
 * What one result adds: its status (and total time, when the attempt completed) to `total`,
 * and the duration of every phase it completed. The failed phase's time is not a latency.
 */
export function samplesOf(r: ProbeResult): Sample[] {
  const completed = r.status === "up" || r.status === "degraded";
  const out: Sample[] = [{ phase: "total", ms: completed ? r.durationMs : null, status: r.status }];
  for (const p of r.phases) {
    if (p.phase !== "total" && p.phase !== r.failedPhase) out.push({ phase: p.phase, ms: p.durationMs, status: null });
  }
  return out;
}

export function addToAgg(a: Agg, s: Sample): void {
  if (s.status) {
    a.checks++;
    a[s.status]++;
  }
  if (s.ms !== null) {
    a.n++;
    a.sumMs += s.ms;
    a.maxMs = Math.max(a.maxMs, s.ms);
    addSample(a.hist, s.ms);
  }
}

export interface BucketRange {
  grain: Grain;
  /** Bucket starts from `from` (inclusive) to `to` (exclusive). */
  from: number;
  to: number;
}

/**
 * Covers [from, to) with whole buckets, coarsest first, at minute resolution. When the window
 * ends now (`openEnded`), the current day/hour bucket may be used whole: nothing after now exists.
 */
export function windowRanges(from: number, to: number, openEnded: boolean): BucketRange[] {
  const start = bucketOf(from, "m");
  const end = Math.ceil(to / GRAINS.m) * GRAINS.m;
  const ranges: BucketRange[] = [];
  let t = start;
  while (t < end) {
    const grain = COARSE_FIRST.find((g) => t % GRAINS[g] === 0 && (openEnded || t + GRAINS[g] <= end)) ?? "m";
    const last = ranges.at(-1);
    if (last && last.grain === grain && last.to === t) last.to = t + GRAINS[grain];
    else ranges.push({ grain, from: t, to: t + GRAINS[grain] });
    t += GRAINS[grain];
  }
  return ranges;
}
