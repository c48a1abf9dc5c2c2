import { parseDurationText } from "@/lib/criteria/core/format";
import type { EvalResult, Evaluation } from "@/lib/criteria/core/types";
import type { CriterionHistoryEntry, TrackerCriterion } from "./types";

/**
 * Two passes further apart than this do not prove the criterion held in between (the
 * evaluator may have been down), so the hold restarts at the later one.
 */
export const DEFAULT_MAX_GAP_SECONDS = 900;

export interface HoldOptions {
  maxGapSeconds?: number;
  phaseId?: string;
}

interface Point {
  result: EvalResult;
  at: number;
}

/**
 * When the current uninterrupted run of passes began, or null when the criterion does not
 * pass now. A fail or unknown ends a run: a hold is only as long as it was observed.
 */
export function heldSince(
  criterionId: string,
  current: Evaluation | null,
  history: readonly CriterionHistoryEntry[],
  now: Date,
  opts: HoldOptions = {},
): string | null {
  if (current?.result !== "pass") return null;
  const maxGapMs = (opts.maxGapSeconds ?? DEFAULT_MAX_GAP_SECONDS) * 1_000;
  const points: Point[] = history
    .filter(
      (h) =>
        h.criterionId === criterionId &&
        (opts.phaseId === undefined || h.phaseId === undefined || h.phaseId === opts.phaseId),
    )
    .map((h) => ({ result: h.result, at: Date.parse(h.at) }))
    .filter((p) => !Number.isNaN(p.at) && p.at <= now.getTime());
  const currentAt = Date.parse(current.evaluatedAt);
  if (Number.isNaN(currentAt)) return null;
  points.push({ result: "pass", at: currentAt });
  points.sort((a, b) => a.at - b.at);

  const last = points[points.length - 1];
  if (last?.result !== "pass") return null;
  let start = last.at;
  for (let i = points.length - 2; i >= 0; i -= 1) {
    const p = points[i];
    if (!p || p.result !== "pass" || start - p.at > maxGapMs) break;
    start = p.at;
  }
  return new Date(start).toISOString();
}

export interface CriterionStatus {
  criterionId: string;
  text: string;
  expr: string;
  result: EvalResult;
  evaluation: Evaluation | null;
  holdFor: string | null;
  holdForSeconds: number;
  heldSince: string | null;
  heldForSeconds: number;
  /** Passes now and has passed for at least holdFor. */
  held: boolean;
  /** Seconds still to hold while passing; null otherwise. */
  remainingSeconds: number | null;
  problem?: string;
}

export function criterionStatus(
  criterion: TrackerCriterion,
  evaluation: Evaluation | null,
  history: readonly CriterionHistoryEntry[],
  now: Date,
  opts: HoldOptions = {},
): CriterionStatus {
  const holdMs = criterion.holdFor === undefined ? 0 : parseDurationText(criterion.holdFor);
  const since = heldSince(criterion.id, evaluation, history, now, opts);
  const heldForSeconds = since === null ? 0 : Math.max(0, (now.getTime() - Date.parse(since)) / 1_000);
  const holdForSeconds = (holdMs ?? 0) / 1_000;
  const passing = evaluation?.result === "pass";
  // An unreadable hold time must not shorten the hold to nothing.
  const held = passing && holdMs !== null && heldForSeconds >= holdForSeconds;
  return {
    criterionId: criterion.id,
    text: criterion.text,
    expr: criterion.expr,
    result: evaluation?.result ?? "unknown",
    evaluation,
    holdFor: criterion.holdFor ?? null,
    holdForSeconds,
    heldSince: since,
    heldForSeconds,
    held,
    remainingSeconds: passing && holdMs !== null && !held ? holdForSeconds - heldForSeconds : null,
    ...(holdMs === null ? { problem: `hold time "${criterion.holdFor ?? ""}" is not a duration such as 30m` } : {}),
  };
}
