import { attainment, burndown, burnRate, countWindow, errorBudget, timeToExhaustion, type BurndownPoint, type CountPoint, type ErrorBudget, type Exhaustion, type WindowCounts } from "./budget";
import { BURN_WINDOWS, WINDOW_MS, type BurnWindow } from "./windows";

/**
 * One read of start-up counts: aligned periods of `periodMs` ending at `endMs`, reaching back
 * `spanMs`. The SLO reads two: a fine one (1-min periods over 6 h) for the short windows and a
 * coarse one (1-h periods over the SLO window) for the long ones — each ≤ 1,000 points.
 */
export type CountSource = { points: readonly CountPoint[]; periodMs: number; endMs: number; spanMs: number };

export type WindowBurn = WindowCounts & { window: BurnWindow; endMs: number; burnRate: number | null };

export type SloFigures = {
  objective: number;
  sloWindowMs: number;
  counts: WindowCounts;
  attainment: number | null;
  budget: ErrorBudget;
  burn: Record<BurnWindow, WindowBurn>;
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

export function sloFigures(objective: number, sloWindowMs: number, fine: CountSource, coarse: CountSource): SloFigures {
  const counts = countWindow(coarse.points, coarse.endMs, sloWindowMs, coarse.periodMs);
  const budget = errorBudget(counts, objective);
  const burn = Object.fromEntries(
    BURN_WINDOWS.map((w) => {
      const src = sourceFor(WINDOW_MS[w], [fine, coarse]);
      const c = src ? countWindow(src.points, src.endMs, WINDOW_MS[w], src.periodMs) : { good: 0, bad: 0, total: 0, coverage: 0 };
      return [w, { window: w, endMs: src?.endMs ?? coarse.endMs, ...c, burnRate: burnRate(c, objective) }];
    }),
  ) as Record<BurnWindow, WindowBurn>;
  return {
    objective,
    sloWindowMs,
    counts,
    attainment: attainment(counts),
    budget,
    burn,
    exhaustion: timeToExhaustion(budget.remaining, burn["1h"].burnRate, sloWindowMs),
    burndown: burndown(coarse.points, coarse.endMs, sloWindowMs, objective),
  };
}
