import { z } from "zod";
import { formatSeconds } from "@/lib/core/format";
import type { Evaluation } from "@/lib/criteria/core/types";
import { criterionStatus, type CriterionStatus, type HoldOptions } from "./hold";
import type { CriterionHistoryEntry, TrackerPhase } from "./types";

// Part of the tracker's API answer (lib/tracker/types.ts), so a zod schema whose output is the type.
export const criteriaStateSchema = z.enum(["no-criteria", "met", "holding", "failing", "unknown"]);
export type CriteriaState = z.infer<typeof criteriaStateSchema>;

export interface CriteriaSummary {
  state: CriteriaState;
  text: string;
  criteria: CriterionStatus[];
}

export const CRITERIA_MET_TEXT = "criteria met — ready to close";
export const NO_CRITERIA_TEXT = "no success criteria defined";

function failingText(c: CriterionStatus): string {
  return `${c.text} (measured ${c.evaluation?.measured ?? "nothing"})`;
}

function unknownText(c: CriterionStatus): string {
  return `${c.text} (${c.evaluation ? (c.evaluation.reason ?? "no data") : "not evaluated yet"})`;
}

function holdingText(criteria: readonly CriterionStatus[]): string {
  const waiting = criteria.filter((c) => !c.held);
  const problem = waiting.find((c) => c.problem);
  if (problem?.problem) return `criteria pass, but ${problem.problem}`;
  const longest = waiting.reduce<CriterionStatus | undefined>(
    (a, c) => ((c.remainingSeconds ?? 0) > (a?.remainingSeconds ?? -1) ? c : a),
    undefined,
  );
  const left = formatSeconds(Math.ceil(longest?.remainingSeconds ?? 0));
  return `criteria pass — must hold ${left} more (hold time ${longest?.holdFor ?? "?"})`;
}

/**
 * Where a phase stands against its success criteria. Precedence: any fail, then any
 * unknown, then a hold still running; "met" needs every criterion passing and held.
 * A phase without criteria is never met: there would be nothing to show as evidence.
 */
export function summarizeCriteria(
  phase: TrackerPhase,
  evaluations: Readonly<Record<string, Evaluation | undefined>>,
  history: readonly CriterionHistoryEntry[],
  now: Date,
  opts: Omit<HoldOptions, "phaseId"> = {},
): CriteriaSummary {
  const criteria = phase.successCriteria.map((c) =>
    criterionStatus(c, evaluations[c.id] ?? null, history, now, { ...opts, phaseId: phase.id }),
  );
  if (criteria.length === 0) return { state: "no-criteria", text: NO_CRITERIA_TEXT, criteria };
  const failing = criteria.filter((c) => c.result === "fail");
  if (failing.length) return { state: "failing", text: `failing: ${failing.map(failingText).join("; ")}`, criteria };
  const unknown = criteria.filter((c) => c.result === "unknown");
  if (unknown.length) return { state: "unknown", text: `unknown: ${unknown.map(unknownText).join("; ")}`, criteria };
  if (criteria.some((c) => !c.held)) return { state: "holding", text: holdingText(criteria), criteria };
  return { state: "met", text: CRITERIA_MET_TEXT, criteria };
}
