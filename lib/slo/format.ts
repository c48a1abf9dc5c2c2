import { formatMs } from "@/lib/core/format";
import type { SloResponse } from "./schemas";

/** Words for SLO figures (numbers and durations in lib/core/format.ts); unknown is never 0 or 100%. */

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** A projection at the current burn is only as good as its largest unit: 5 h 18 min → 5 h. */
function roughly(ms: number): number {
  const unit = ms < HOUR_MS ? MINUTE_MS : ms < 48 * HOUR_MS ? HOUR_MS : DAY_MS;
  return Math.max(MINUTE_MS, Math.round(ms / unit) * unit);
}

type Exhaustion = SloResponse["slos"][number]["exhaustion"];

export function formatExhaustion(e: Exhaustion): string {
  switch (e.status) {
    case "unknown":
      return "unknown (no start-ups to measure)";
    case "exhausted":
      return "exhausted";
    case "never":
      return "not at the current burn";
    case "in":
      return `in ${formatMs(roughly(e.ms))} at the 1 h burn`;
  }
}

/** The budget state as a status word the badges know: exhausted is bad, under a quarter warns. */
export function budgetStatus(remaining: number | null, stale: boolean): "unknown" | "healthy" | "degraded" | "down" {
  if (remaining === null || stale) return "unknown";
  if (remaining <= 0) return "down";
  if (remaining < 0.25) return "degraded";
  return "healthy";
}

export function budgetLabel(remaining: number | null, stale: boolean): string {
  const s = budgetStatus(remaining, stale);
  if (s === "unknown") return stale ? "stale" : "unknown";
  if (s === "down") return "budget exhausted";
  return s === "degraded" ? "budget low" : "within budget";
}
