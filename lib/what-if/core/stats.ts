/** Quantiles over seeded runs. One definition everywhere, so the margin test and the page agree. */

import type { Spread } from "./types";

/** Linear interpolation between order statistics (R type 7) on ascending `sorted`. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = q * (sorted.length - 1);
  const frac = rank - Math.floor(rank);
  const lo = sorted[Math.floor(rank)] ?? NaN;
  const hi = sorted[Math.ceil(rank)] ?? lo;
  // Infinity stands for "not within the horizon": guard the arithmetic (Infinity × 0 is NaN).
  if (frac === 0 || hi === lo) return lo;
  return lo + (hi - lo) * frac;
}

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    min: sorted[0] ?? NaN,
    p10: quantile(sorted, 0.1),
    median: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

/**
 * How many of `n` runs may fall below a threshold while the q-quantile still can reach it:
 * once more than this many are below, the quantile is below too, whatever the other runs do.
 */
export function maxBelowForQuantile(n: number, q: number): number {
  return Math.ceil(q * (n - 1));
}
