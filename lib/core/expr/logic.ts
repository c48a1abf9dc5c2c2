import { z } from "zod";
import type { BoolExpr } from "./parser";

/** The result of a comparison or of a whole expression; unknown is never a pass. */
// Carried by API answers (criteria, readiness, tracker), so a zod schema whose output is the type.
export const evalResultSchema = z.enum(["pass", "fail", "unknown"]);
export type EvalResult = z.infer<typeof evalResultSchema>;

/**
 * Three-valued logic, stricter than Kleene's on `or` because no pass may rest on missing data:
 *
 *   and     | pass    fail  unknown        or      | pass     fail     unknown
 *   pass    | pass    fail  unknown        pass    | pass     pass     unknown
 *   fail    | fail    fail  fail           fail    | pass     fail     unknown
 *   unknown | unknown fail  unknown        unknown | unknown  unknown  unknown
 *
 * A known fail decides an `and` (more data cannot rescue it); an `or` passes only when every
 * part is known, so an unmeasured branch is shown as unknown and gets fixed, not hidden.
 */
export function combine(op: "and" | "or", a: EvalResult, b: EvalResult): EvalResult {
  if (op === "and") {
    if (a === "fail" || b === "fail") return "fail";
    return a === "unknown" || b === "unknown" ? "unknown" : "pass";
  }
  if (a === "unknown" || b === "unknown") return "unknown";
  return a === "pass" || b === "pass" ? "pass" : "fail";
}

type Junction<L> = { kind: "and" | "or"; left: BoolExpr<L>; right: BoolExpr<L> };

// A comparison never has kind "and" / "or" (the environments' leaves are "compare" or kind-less).
function isJunction<L>(e: BoolExpr<L>): e is Junction<L> {
  const kind: unknown = (e as { kind?: unknown }).kind;
  return kind === "and" || kind === "or";
}

/** The comparisons of an expression, in source order. */
export function leaves<L>(e: BoolExpr<L>): L[] {
  return isJunction(e) ? [...leaves(e.left), ...leaves(e.right)] : [e as L];
}

/** The result of a whole expression from the results of its comparisons (the environment's part). */
export function resultOf<L>(e: BoolExpr<L>, judge: (leaf: L) => EvalResult): EvalResult {
  return isJunction(e) ? combine(e.kind, resultOf(e.left, judge), resultOf(e.right, judge)) : judge(e as L);
}
