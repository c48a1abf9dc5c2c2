import type { ConditionResult } from "@/lib/conditions/core/result";
import type { AttemptStatus, ErrorClass } from "@/lib/probes/core/types";

export interface AttemptVerdict {
  status: AttemptStatus;
  errorClass: ErrorClass | null;
  message: string | null;
}

/**
 * The one rule that turns a completed attempt's condition results into its result: any hard
 * condition not passed is down, only soft ones (latency, expiry) not passed is degraded, all
 * passed is up. A condition that could not be evaluated is not verified, so it counts as failed.
 * The message names the first hard failure (else the first soft one) and what it was judged on.
 */
export function judgeConditions(results: readonly ConditionResult[]): AttemptVerdict {
  const hard = results.filter((c) => c.passed !== true && !c.soft);
  const soft = results.filter((c) => c.passed !== true && c.soft);
  const first = hard[0] ?? soft[0];
  if (!first) return { status: "up", errorClass: null, message: null };
  const message = `Condition failed: ${first.condition} (${first.value === null ? (first.error ?? "not measured") : `was ${first.value}`})`;
  if (hard.length === 0) return { status: "degraded", errorClass: "conditions", message };
  return { status: "down", errorClass: first.condition.startsWith("[STATUS]") ? "http-status" : "conditions", message };
}
