import type { PhaseConfig } from "@/lib/config/core/staging-schema";
import type { EvalResult, Expr } from "@/lib/criteria/core/types";

export type PhaseStatus = PhaseConfig["status"];
export type TrackerAction = Pick<PhaseConfig["actions"][number], "id" | "title" | "owner" | "status" | "due">;
/**
 * `ast` is the expression as the config loader parsed it; only criteria built by hand (tests)
 * lack it, and those are parsed when evaluated.
 */
export type TrackerCriterion = Pick<PhaseConfig["successCriteria"][number], "id" | "text" | "expr" | "holdFor"> & {
  ast?: Expr;
};

/**
 * The parts of a phase the logic reads. Structural, so both the config's phases and the
 * store's edited copies fit without conversion.
 */
export interface TrackerPhase {
  id: string;
  order: number;
  name: string;
  ownerTeam: string;
  status: PhaseStatus;
  blocking: boolean;
  startsAfter?: string | undefined;
  autoClose: boolean;
  actions: readonly TrackerAction[];
  successCriteria: readonly TrackerCriterion[];
}

/** One past evaluation of a criterion, as the store records it. */
export interface CriterionHistoryEntry {
  criterionId: string;
  /** Criterion ids are unique per phase only; when given, entries of other phases are ignored. */
  phaseId?: string;
  result: EvalResult;
  at: string;
}

/** "Infrastructure Resolution (phase 1)" */
export function phaseLabel(p: Pick<TrackerPhase, "name" | "order">): string {
  return `${p.name} (phase ${p.order})`;
}
