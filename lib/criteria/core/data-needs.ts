import { comparisons } from "./parser";
import type { DataNeed, Expr } from "./types";

/**
 * The measurements an expression needs, one per key, in source order. The I/O layer fetches
 * these into a Snapshot; evaluate() then reads nothing else, which keeps it pure.
 */
export function dataNeeds(expr: Expr): DataNeed[] {
  const seen = new Map<string, DataNeed>();
  for (const c of comparisons(expr)) {
    if (!seen.has(c.key)) seen.set(c.key, { key: c.key, measurement: c.measurement });
  }
  return [...seen.values()];
}

/** The union of several expressions' needs (one fetch per key across a whole page). */
export function dataNeedsOfAll(exprs: readonly Expr[]): DataNeed[] {
  const seen = new Map<string, DataNeed>();
  for (const need of exprs.flatMap(dataNeeds)) {
    if (!seen.has(need.key)) seen.set(need.key, need);
  }
  return [...seen.values()];
}
