import type { SloResponse } from "./schemas";

/** Display text for SLO figures; unknown is "—", never 0 or 100%. */

const DASH = "—";

export function formatBurn(rate: number | null | undefined): string {
  if (rate == null || !Number.isFinite(rate)) return DASH;
  return `${rate < 10 ? rate.toFixed(2) : rate.toFixed(1)}×`;
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
    case "in": {
      const h = e.ms / 3_600_000;
      if (h < 1) return `in ${Math.max(1, Math.round(e.ms / 60_000))} min at the 1 h burn`;
      if (h < 48) return `in ${h.toFixed(h < 10 ? 1 : 0)} h at the 1 h burn`;
      return `in ${Math.round(h / 24)} days at the 1 h burn`;
    }
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
