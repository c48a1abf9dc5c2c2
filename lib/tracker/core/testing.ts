// Builders shared by the tracker's tests only.
import type { Evaluation, EvalResult } from "@/lib/criteria/core/types";
import type { TrackerPhase } from "./types";

export const NOW = new Date("2025-09-17T12:00:00.000Z");

export function minutesAgo(m: number): string {
  return new Date(NOW.getTime() - m * 60_000).toISOString();
}

export function phase(over: Partial<TrackerPhase> & Pick<TrackerPhase, "id">): TrackerPhase {
  return {
    order: 1,
    name: over.id,
    ownerTeam: "Infrastructure Team",
    status: "active",
    blocking: false,
    autoClose: false,
    actions: [],
    successCriteria: [],
    ...over,
  };
}

export function evaluation(result: EvalResult, over: Partial<Evaluation> = {}): Evaluation {
  return {
    result,
    measured: result === "pass" ? "97.3%" : result === "fail" ? "40%" : "no data",
    window: "1h",
    evaluatedAt: NOW.toISOString(),
    measuredAt: result === "unknown" ? null : minutesAgo(1),
    ...(result === "fail" ? { reason: "startup_success_rate(all, 1h) is 40%, needs > 0.95" } : {}),
    ...(result === "unknown" ? { reason: "startup_success_rate(all, 1h): no data" } : {}),
    terms: [],
    ...over,
  };
}
