import {
  dataNeeds,
  DEFAULT_MAX_AGE_SECONDS,
  evaluate,
  astOf,
  type Evaluation,
  type Expr,
  type Snapshot,
} from "@/lib/health/criteria";
import { alignmentPeriodSeconds } from "@/lib/gcp/alignment";
import { maxPointAgeSeconds } from "@/lib/health/figure";
import type { TrackerPhase } from "@/lib/health/tracker";

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

function windowOf(m: ReturnType<typeof dataNeeds>[number]["measurement"]): number | null {
  return "windowSeconds" in m ? m.windowSeconds : null;
}

/**
 * How old a criterion's data may be: 10 minutes, or more for long windows whose aligned
 * end trails "now" by up to two alignment periods plus ingestion (a 7-day window is read in
 * hour-long periods, so its newest data is often over an hour old while still current).
 */
export function maxAgeFor(ast: Expr): number {
  const ages = dataNeeds(ast)
    .map((n) => windowOf(n.measurement))
    .filter((w): w is number => w !== null)
    .map((w) => maxPointAgeSeconds(alignmentPeriodSeconds(w * 1_000)));
  return Math.max(DEFAULT_MAX_AGE_SECONDS, ...ages);
}

/** Evaluates one criterion; a known reason for missing data replaces the bare "no data". */
export function evaluateCriterion(
  c: ParsedCriterion,
  snapshot: Snapshot,
  problems: Readonly<Record<string, string>>,
  now: number,
): Evaluation | null {
  if (!c.ast) return null;
  const ev = evaluate(c.ast, snapshot, new Date(now), { maxAgeSeconds: maxAgeFor(c.ast) });
  const terms = ev.terms.map((t) => {
    const problem = problems[t.key];
    return t.result === "unknown" && t.cause === "missing" && problem
      ? { ...t, reason: `${t.subject}: ${problem}` }
      : t;
  });
  if (ev.result !== "unknown") return { ...ev, terms };
  const reasons = terms
    .filter((t) => t.result === "unknown")
    .map((t) => t.reason)
    .filter((r): r is string => r !== undefined);
  return { ...ev, terms, ...(reasons.length ? { reason: reasons.join("; ") } : {}) };
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
