/**
 * The SLO maths, pure: counts of good and bad start-ups per aligned period in, attainment,
 * error budget and burn rates out. No I/O and no clock: `endMs` (the aligned end of the
 * data) is passed in.
 *
 * Rules (decision 0011):
 * - No start-ups in a window → every figure of that window is unknown (null), never 0 or 100%.
 * - A gap (periods with no point) counts neither good nor bad; it lowers `coverage`.
 * - A partial window (data that starts after the window does) is computed over what is
 *   there and says so with `coverage` < 1; the reader decides whether to trust it.
 */

/** Start-ups completed in the aligned period that ends at `t` (epoch ms). */
export type CountPoint = { t: number; good: number; bad: number };

export type WindowCounts = {
  good: number;
  bad: number;
  total: number;
  /** Share of the window's periods that have a point (0..1). */
  coverage: number;
};

/** Counts of the periods that end in (endMs − spanMs, endMs]. */
export function countWindow(
  points: readonly CountPoint[],
  endMs: number,
  spanMs: number,
  periodMs: number,
): WindowCounts {
  const from = endMs - spanMs;
  let good = 0;
  let bad = 0;
  const seen = new Set<number>();
  for (const p of points) {
    if (p.t <= from || p.t > endMs) continue;
    good += p.good;
    bad += p.bad;
    seen.add(p.t);
  }
  const periods = Math.max(1, Math.round(spanMs / periodMs));
  return { good, bad, total: good + bad, coverage: Math.min(1, seen.size / periods) };
}

/** Good ÷ total; null when nothing started. */
export function attainment(c: Pick<WindowCounts, "good" | "total">): number | null {
  return c.total > 0 ? c.good / c.total : null;
}

/** Observed bad share ÷ the allowed bad share (1 − objective); null when nothing started. */
export function burnRate(c: Pick<WindowCounts, "bad" | "total">, objective: number): number | null {
  return c.total > 0 ? c.bad / c.total / (1 - objective) : null;
}

export type ErrorBudget = {
  /** Bad start-ups the objective allows over the window's start-ups: (1 − objective) × total. */
  allowedBad: number;
  usedBad: number;
  /** 1 − used ÷ allowed: 1 = untouched, 0 = spent, below 0 = overspent. Null when nothing started. */
  remaining: number | null;
};

export function errorBudget(c: Pick<WindowCounts, "bad" | "total">, objective: number): ErrorBudget {
  const allowedBad = (1 - objective) * c.total;
  return { allowedBad, usedBad: c.bad, remaining: c.total > 0 ? 1 - c.bad / allowedBad : null };
}

export type Exhaustion =
  | { status: "unknown" }
  | { status: "exhausted" }
  | { status: "never" }
  /** At the current burn, the budget is gone in `ms`. */
  | { status: "in"; ms: number };

/**
 * Time until the budget is spent at burn rate `burn`: a burn of 1 spends the whole budget
 * over the SLO window, so the remaining share lasts remaining × window ÷ burn.
 */
export function timeToExhaustion(remaining: number | null, burn: number | null, sloWindowMs: number): Exhaustion {
  if (remaining === null) return { status: "unknown" };
  if (remaining <= 0) return { status: "exhausted" };
  if (burn === null) return { status: "unknown" };
  if (burn <= 0) return { status: "never" };
  return { status: "in", ms: (remaining * sloWindowMs) / burn };
}

export type BurndownPoint = { t: number; remaining: number };

/**
 * The budget over the SLO window, period by period: what is left of the window's whole
 * allowance after the bad start-ups so far. Empty when nothing started (unknown).
 */
export function burndown(
  points: readonly CountPoint[],
  endMs: number,
  sloWindowMs: number,
  objective: number,
): BurndownPoint[] {
  const inWindow = points.filter((p) => p.t > endMs - sloWindowMs && p.t <= endMs).sort((a, b) => a.t - b.t);
  const total = inWindow.reduce((n, p) => n + p.good + p.bad, 0);
  if (total === 0) return [];
  const allowed = (1 - objective) * total;
  let bad = 0;
  return inWindow.map((p) => {
    bad += p.bad;
    return { t: p.t, remaining: 1 - bad / allowed };
  });
}
