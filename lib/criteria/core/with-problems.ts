import { evaluate } from "./evaluate";
import type { Evaluation, Expr, Snapshot } from "./types";

/**
 * The one evaluation of a configured expression against collected evidence, shared by tracker
 * criteria and readiness checks: `problems` (from the evidence layer, keyed by measurement)
 * says why a measurement is missing, and that reason replaces the bare "no data".
 */
export function evaluateWithProblems(
  ast: Expr,
  snapshot: Snapshot,
  problems: Readonly<Record<string, string>>,
  now: number,
  maxAgeSeconds: number | undefined,
): Evaluation {
  const ev = evaluate(ast, snapshot, new Date(now), { maxAgeSeconds });
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
    .filter((r): r is string => r !== undefined && r !== "");
  return { ...ev, terms, ...(reasons.length ? { reason: reasons.join("; ") } : {}) };
}
