import type { AlignedInterval } from "@/lib/gcp/alignment";
import { DAY_MS, WINDOW_MS } from "@/lib/core/slo-windows";

/**
 * The two reads behind every SLO, each ≤ 1,000 points per series and each shared by every
 * SLO and viewer (one query answers all services): 1-min periods over the last 6 h for the
 * 5 m … 6 h windows, 1-h periods over the longest SLO window (≤ 30 d = 720 points) for the
 * 24 h and 3 d windows, attainment, budget and burndown. Ends are floored to the period, so
 * requests within the same minute (hour) ask for — and cache — the same interval.
 */
export const MAX_POINTS_PER_QUERY = 1_000;
export const FINE_PERIOD_SECONDS = 60;
export const COARSE_PERIOD_SECONDS = 3_600;
export const FINE_SPAN_MS = WINDOW_MS["6h"];

export type SloIntervals = { fine: AlignedInterval; coarse: AlignedInterval };

function aligned(now: number, spanMs: number, periodSeconds: number): AlignedInterval {
  const periodMs = periodSeconds * 1_000;
  const endMs = Math.floor(now / periodMs) * periodMs;
  return { startMs: endMs - spanMs, endMs, periodSeconds };
}

export function sloIntervals(now: number, longestWindowDays: number): SloIntervals {
  return {
    fine: aligned(now, FINE_SPAN_MS, FINE_PERIOD_SECONDS),
    coarse: aligned(now, longestWindowDays * DAY_MS, COARSE_PERIOD_SECONDS),
  };
}

export const pointsOf = (i: AlignedInterval) => Math.round((i.endMs - i.startMs) / (i.periodSeconds * 1_000));
