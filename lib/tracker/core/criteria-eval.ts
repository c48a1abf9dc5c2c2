import { astOf, evaluateWithProblems, type Evaluation, type Expr, type Snapshot } from "@/lib/criteria/core";
import type { TrackerPhase } from "./types";

/**
 * The pure part of one evaluation run: parse every criterion, evaluate it against the
 * snapshot, and carry each criterion's hold forward from its previous state.
 */

export interface ParsedCriterion {
  phaseId: string;
  criterionId: string;
  expr: string;
  ast: Expr | null;
  /** The parse error, for people: a criterion that cannot be read never passes. */
  problem: string | null;
}

export function parsePhases(phases: readonly TrackerPhase[]): ParsedCriterion[] {
  return phases.flatMap((p) =>
    p.successCriteria.map((c) => {
      const parsed = astOf(c);
      return parsed.ok
        ? { phaseId: p.id, criterionId: c.id, expr: c.expr, ast: parsed.ast, problem: null }
        : {
            phaseId: p.id,
            criterionId: c.id,
            expr: c.expr,
            ast: null,
            problem: `the expression cannot be read: ${parsed.error.message}`,
          };
    }),
  );
}

/**
 * Evaluates one criterion; a known reason for missing data replaces the bare "no data".
 * `maxAgeOf` is the criterion's freshness limit, which depends on how Google aligns its window.
 */
export function evaluateCriterion(
  c: ParsedCriterion,
  snapshot: Snapshot,
  problems: Readonly<Record<string, string>>,
  now: number,
  maxAgeOf: (ast: Expr) => number,
): Evaluation | null {
  if (!c.ast) return null;
  return evaluateWithProblems(c.ast, snapshot, problems, now, maxAgeOf(c.ast));
}

export interface PreviousState {
  expr: string;
  result: string;
  heldSince: number | null;
  evaluatedAt: number;
}

/**
 * When the current run of passes began. It continues only while each evaluation passes, the
 * expression is unchanged, and no gap between evaluations exceeds `maxGapMs` (an evaluator
 * that was down cannot vouch for the time it did not look).
 */
export function nextHeldSince(
  prev: PreviousState | undefined,
  expr: string,
  result: Evaluation["result"] | "unknown",
  now: number,
  maxGapMs: number,
): number | null {
  if (result !== "pass") return null;
  if (
    prev &&
    prev.expr === expr &&
    prev.result === "pass" &&
    prev.heldSince !== null &&
    now - prev.evaluatedAt <= maxGapMs
  )
    return prev.heldSince;
  return now;
}
