import type { CriteriaSummary } from "./criteria-state";
import { CRITERIA_MET_TEXT } from "./criteria-state";
import { effectiveStatus } from "./gates";
import type { CriterionStatus } from "./hold";
import { phaseLabel, type TrackerPhase } from "./types";

/** What the evaluation shows, frozen, so a close or reopen can later be justified. */
export interface PhaseEvidence {
  phaseId: string;
  phase: string;
  decision: "close" | "reopen";
  decidedAt: string;
  reason: string;
  criteria: {
    id: string;
    text: string;
    expr: string;
    result: CriterionStatus["result"];
    measured: string | null;
    window: string | null;
    measuredAt: string | null;
    evaluatedAt: string | null;
    heldSince: string | null;
    holdFor: string | null;
    reason?: string;
  }[];
}

export type PhaseDecision =
  | { kind: "none"; reason: string }
  | { kind: "ready-to-close"; reason: string }
  | { kind: "close"; nextStatus: "done"; reason: string; evidence: PhaseEvidence }
  | { kind: "reopen"; nextStatus: "active"; reason: string; evidence: PhaseEvidence };

function evidenceOf(
  phase: TrackerPhase,
  summary: CriteriaSummary,
  decision: PhaseEvidence["decision"],
  reason: string,
  now: Date,
): PhaseEvidence {
  return {
    phaseId: phase.id,
    phase: phaseLabel(phase),
    decision,
    decidedAt: now.toISOString(),
    reason,
    criteria: summary.criteria.map((c) => ({
      id: c.criterionId,
      text: c.text,
      expr: c.expr,
      result: c.result,
      measured: c.evaluation?.measured ?? null,
      window: c.evaluation?.window ?? null,
      measuredAt: c.evaluation?.measuredAt ?? null,
      evaluatedAt: c.evaluation?.evaluatedAt ?? null,
      heldSince: c.heldSince,
      holdFor: c.holdFor,
      ...(c.evaluation?.reason ? { reason: c.evaluation.reason } : {}),
    })),
  };
}

/**
 * The tracker's automatic step for one phase; storing it is the caller's job.
 * - done, and a criterion now fails → reopen (unknown data never reopens: missing data is
 *   not a regression, and flapping monitoring must not churn the tracker);
 * - active, criteria met → close when autoClose, else "ready to close";
 * - anything else → nothing, with the reason.
 */
export function decidePhase(
  phase: TrackerPhase,
  phases: readonly TrackerPhase[],
  summary: CriteriaSummary,
  now: Date,
): PhaseDecision {
  if (phase.status === "done") {
    const failing = summary.criteria.filter((c) => c.result === "fail");
    if (failing.length === 0)
      return {
        kind: "none",
        reason: summary.state === "unknown" ? "done; criteria cannot be checked right now" : "done",
      };
    const reason = `reopened: ${failing
      .map((c) => `"${c.text}" fails again${c.evaluation?.reason ? ` (${c.evaluation.reason})` : ""}`)
      .join("; ")}`;
    return {
      kind: "reopen",
      nextStatus: "active",
      reason,
      evidence: evidenceOf(phase, summary, "reopen", reason, now),
    };
  }
  const effective = effectiveStatus(phase, phases);
  if (effective.status !== "active") return { kind: "none", reason: effective.reason ?? effective.status };
  if (summary.state !== "met") return { kind: "none", reason: summary.text };
  if (!phase.autoClose) return { kind: "ready-to-close", reason: CRITERIA_MET_TEXT };
  const reason = `closed automatically: every success criterion passed and held`;
  return { kind: "close", nextStatus: "done", reason, evidence: evidenceOf(phase, summary, "close", reason, now) };
}
