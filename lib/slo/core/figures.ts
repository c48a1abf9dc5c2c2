import {
  attainment,
  burndown,
  burnRate,
  countWindow,
  errorBudget,
  timeToExhaustion,
  type BurndownPoint,
  type CountPoint,
  type ErrorBudget,
  type Exhaustion,
  type WindowCounts,
} from "./budget";
import { BURN_WINDOWS, WINDOW_MS, windowMsOf, type BurnWindow } from "@/lib/core/slo-windows";

/**
 * One read of start-up counts: aligned periods of `periodMs` ending at `endMs`, reaching back
 * `spanMs`. The SLO reads two: a fine one (1-min periods over 6 h) for the short windows and a
 * coarse one (1-h periods over the SLO window) for the long ones — each ≤ 1,000 points.
 */
export type CountSource = { points: readonly CountPoint[]; periodMs: number; endMs: number; spanMs: number };

export type WindowBurn = WindowCounts & { window: string; endMs: number; burnRate: number | null };

export type SloFigures = {
  objective: number;
  sloWindowMs: number;
  counts: WindowCounts;
  attainment: number | null;
  budget: ErrorBudget;
  burn: Record<BurnWindow, WindowBurn>;
  /** The windows an SLO's alert rules read beyond the fixed ones (a scaled four-window set). */
  extraBurn: Record<string, WindowBurn>;
  /** At the current 1 h burn. */
  exhaustion: Exhaustion;
  burndown: BurndownPoint[];
};

/** The finest source that spans the window with whole periods. */
function sourceFor(windowMs: number, sources: readonly CountSource[]): CountSource | undefined {
  return [...sources]
    .sort((a, b) => a.periodMs - b.periodMs)
    .find((s) => s.spanMs >= windowMs && windowMs % s.periodMs === 0);
}

const plus = (a: WindowCounts, good: number, bad: number): WindowCounts => ({
  ...a,
  good: a.good + good,
  bad: a.bad + bad,
  total: a.total + good + bad,
});

/**
 * Windows read from the hourly source end at its last full hour; the minutes since then come
 * from the fine source (its points after the coarse end), so every figure reaches the newest
 * minute. Such a window spans up to 59 minutes more than its name — a rounding that moves a
 * 28-day figure by under 0.15%, where leaving the hour out would make it an hour stale.
 */
export function sloFigures(
  objective: number,
  sloWindowMs: number,
  fine: CountSource,
  coarse: CountSource,
  extraWindows: readonly string[] = [],
): SloFigures {
  const tail = fine.points.filter((p) => p.t > coarse.endMs && p.t <= fine.endMs);
  const tailGood = tail.reduce((n, p) => n + p.good, 0);
  const tailBad = tail.reduce((n, p) => n + p.bad, 0);
  const withTail = (c: WindowCounts) => plus(c, tailGood, tailBad);
  /** Where the long windows end: the newest fine minute when there is a tail, else the last hour. */
  const end = tail.length ? fine.endMs : coarse.endMs;
  const counts = withTail(countWindow(coarse.points, coarse.endMs, sloWindowMs, coarse.periodMs));
  const budget = errorBudget(counts, objective);
  const burnOver = (w: string, ms: number): WindowBurn => {
    const src = sourceFor(ms, [fine, coarse]);
    // No source counts this window in whole periods: unknown (null), never 0.
    if (!src) return { window: w, endMs: coarse.endMs, good: 0, bad: 0, total: 0, coverage: 0, burnRate: null };
    const raw = countWindow(src.points, src.endMs, ms, src.periodMs);
    const c = src === coarse ? withTail(raw) : raw;
    return { window: w, endMs: src === coarse ? end : src.endMs, ...c, burnRate: burnRate(c, objective) };
  };
  const burn = Object.fromEntries(BURN_WINDOWS.map((w) => [w, burnOver(w, WINDOW_MS[w])])) as Record<
    BurnWindow,
    WindowBurn
  >;
  const extraBurn = Object.fromEntries(
    extraWindows.filter((w) => !(w in burn)).map((w) => [w, burnOver(w, windowMsOf(w) ?? Number.NaN)]),
  );
  // The burndown's last point is the minutes since the last full hour, as one period.
  const hourly = coarse.points.filter((p) => p.t <= coarse.endMs);
  const down = burndown(
    tail.length ? [...hourly, { t: end, good: tailGood, bad: tailBad }] : hourly,
    end,
    sloWindowMs + (end - coarse.endMs),
    objective,
  );
  return {
    objective,
    sloWindowMs,
    counts,
    attainment: attainment(counts),
    budget,
    burn,
    extraBurn,
    exhaustion: timeToExhaustion(budget.remaining, burn["1h"].burnRate, sloWindowMs),
    burndown: down,
  };
}

/** A window's burn, fixed or extra; undefined when nobody computed it. */
export function burnOf(f: Pick<SloFigures, "burn" | "extraBurn">, window: string): WindowBurn | undefined {
  return (f.burn as Record<string, WindowBurn>)[window] ?? f.extraBurn[window];
}
