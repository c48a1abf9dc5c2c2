import { combine, resultOf as resultOfTree } from "@/lib/core/expr/logic";
import { formatAge, formatSeconds } from "@/lib/core/format";
import { formatMeasured } from "./format";
import { comparisons } from "./parser";
import type {
  CompareNode,
  CompareOp,
  EvalResult,
  Evaluation,
  Expr,
  Snapshot,
  TermEvaluation,
  UnknownCause,
  ValueType,
} from "./types";

export { combine };

/** Default freshness limit: metrics arrive up to ~2 min late, so 10 min is clearly stale. */
export const DEFAULT_MAX_AGE_SECONDS = 600;
/** A measurement stamped further in the future than this is a clock problem, not data. */
const FUTURE_SKEW_SECONDS = 60;

export interface EvaluateOptions {
  /** Older measurements make their comparison unknown (never pass). */
  maxAgeSeconds?: number;
}

function valueFits(type: ValueType, v: number | string): boolean {
  if (type === "string") return typeof v === "string";
  // An error budget left goes below zero when overspent: that must fail a criterion, not hide it.
  if (type === "share") return typeof v === "number" && Number.isFinite(v) && v <= 1;
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) return false;
  return type !== "ratio" || v <= 1;
}

function compare(op: CompareOp, a: number | string, b: number | string): boolean {
  switch (op) {
    case "==":
      return a === b;
    case "!=":
      return a !== b;
    case ">":
      return a > b;
    case ">=":
      return a >= b;
    case "<":
      return a < b;
    case "<=":
      return a <= b;
  }
}

function evaluateTerm(node: CompareNode, snapshot: Snapshot, now: Date, maxAgeSeconds: number): TermEvaluation {
  const base = {
    key: node.key,
    text: node.text,
    subject: node.subject,
    measurement: node.measurement,
    op: node.op,
    threshold: node.threshold,
    window: node.window,
  };
  const unknown = (
    cause: UnknownCause,
    measured: string,
    reason: string,
    extra: Partial<TermEvaluation> = {},
  ): TermEvaluation => ({
    ...base,
    value: null,
    measuredAt: null,
    ...extra,
    result: "unknown",
    measured,
    cause,
    reason: `${node.subject}: ${reason}`,
  });

  const entry = snapshot[node.key];
  if (!entry) return unknown("missing", "no data", "no data");
  const { value, measuredAt } = entry;
  if (value === null) return unknown("null", "no value", "no value was measured", { measuredAt });
  const at = measuredAt === null ? Number.NaN : Date.parse(measuredAt);
  // Without a time we cannot know the value is fresh, so it cannot count as evidence.
  if (Number.isNaN(at))
    return unknown("no-time", "no measurement time", "the measurement has no valid time", { value });
  const ageSeconds = (now.getTime() - at) / 1_000;
  if (ageSeconds < -FUTURE_SKEW_SECONDS) {
    return unknown(
      "future",
      "time in the future",
      `measured ${formatSeconds(-ageSeconds)} in the future (clock skew?)`,
      { value },
    );
  }
  if (!valueFits(node.valueType, value)) {
    return unknown("invalid", "invalid value", `${JSON.stringify(value)} is not a valid ${node.valueType}`, {
      value,
      measuredAt,
    });
  }
  const measured = formatMeasured(node.measurement, value);
  if (ageSeconds > maxAgeSeconds) {
    return unknown(
      "stale",
      `${measured} (${formatAge(ageSeconds)} old)`,
      `the measurement is ${formatAge(ageSeconds)} old (limit ${formatSeconds(maxAgeSeconds)})`,
      { value, measuredAt },
    );
  }
  const pass = compare(node.op, value, node.threshold.value);
  return {
    ...base,
    value,
    measuredAt,
    result: pass ? "pass" : "fail",
    measured,
    ...(pass ? {} : { reason: `${node.subject} is ${measured}, needs ${node.op} ${node.threshold.text}` }),
  };
}

function resultOf(e: Expr, terms: ReadonlyMap<CompareNode, TermEvaluation>): EvalResult {
  return resultOfTree(e, (leaf) => terms.get(leaf)?.result ?? "unknown");
}

function oldest(times: readonly (string | null)[], now: Date): string | null {
  const valid = times.filter(
    (t): t is string =>
      t !== null && !Number.isNaN(Date.parse(t)) && Date.parse(t) <= now.getTime() + FUTURE_SKEW_SECONDS * 1_000,
  );
  return valid.reduce<string | null>((min, t) => (min === null || Date.parse(t) < Date.parse(min) ? t : min), null);
}

/** Evaluates a parsed criterion against fetched data; `now` is the only clock. */
export function evaluate(expr: Expr, snapshot: Snapshot, now: Date, opts: EvaluateOptions = {}): Evaluation {
  const maxAge = opts.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS;
  const nodes = comparisons(expr);
  const byNode = new Map(nodes.map((n) => [n, evaluateTerm(n, snapshot, now, maxAge)] as const));
  const terms = nodes.map((n) => byNode.get(n)).filter((t): t is TermEvaluation => t !== undefined);
  const result = resultOf(expr, byNode);
  const single = terms.length === 1 ? terms[0] : undefined;
  const windows = [...new Set(terms.map((t) => t.window).filter((w): w is string => w !== null))];
  // An unknown result names its unknown parts, a fail its failures; a pass needs no reason.
  const explaining = result === "pass" ? [] : terms.filter((t) => t.result === result);
  // The evidence is as old as the oldest part the result rests on: a fresh failure in an
  // `and` is not made stale by an old part beside it.
  const deciding = result === "unknown" ? terms : terms.filter((t) => t.result === result);
  const reasons = explaining.map((t) => t.reason).filter((r): r is string => r !== undefined);
  return {
    result,
    measured: single ? single.measured : terms.map((t) => `${t.subject} = ${t.measured}`).join("; "),
    window: windows.length ? windows.join(", ") : null,
    evaluatedAt: now.toISOString(),
    measuredAt: oldest(
      deciding.map((t) => t.measuredAt),
      now,
    ),
    ...(reasons.length ? { reason: reasons.join("; ") } : {}),
    terms,
  };
}
