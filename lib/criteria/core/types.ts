/**
 * Types of the success-criteria language. An expression compares one measurement with a
 * literal (`startup_success_rate(all, 1h) > 0.95`); comparisons combine with `and` / `or`.
 *
 * Units in a Snapshot, fixed here so the I/O layer and the evaluator agree:
 * ratio = 0..1, duration = milliseconds, number = a count, string = a probe status,
 * share = at most 1 and possibly negative (an error budget left: below 0 when overspent),
 * multiple = a non-negative real (a burn rate: 1 spends the budget exactly over the window).
 */

import type { EvalResult } from "@/lib/core/expr/logic";
import type { BoolExpr, ExprError, Parsed } from "@/lib/core/expr/parser";
import type { CompareOp } from "@/lib/core/expr/tokenizer";

export type { CompareOp, EvalResult };

/** The kinds of value a measurement or literal can have; the type checker keeps them apart. */
export type ValueType = "number" | "ratio" | "duration" | "string" | "share" | "multiple";

/** `all` services, or one service by name. */
export type ServiceScope = { kind: "all" } | { kind: "service"; name: string };

export type Percentile = 50 | 95 | 99;

/** A series of timings that only a percentile function can reduce to one value. */
export type SeriesRef =
  { kind: "probe_phase"; probe: string; phase: string } | { kind: "startup_latency"; service: ServiceScope };

/** One value the I/O layer must fetch; `key` in DataNeed identifies it in the Snapshot. */
export type Measurement =
  | { kind: "startup_success_rate"; service: ServiceScope; windowSeconds: number }
  | { kind: "startup_failures"; service: ServiceScope; windowSeconds: number }
  | { kind: "probe_uptime"; probe: string; windowSeconds: number }
  | { kind: "probe_status"; probe: string }
  | { kind: "failures"; signature: string; windowSeconds: number }
  | { kind: "percentile"; percentile: Percentile; series: SeriesRef; windowSeconds: number }
  | { kind: "blocking_phases" }
  | { kind: "error_budget_remaining"; service: ServiceScope; windowSeconds: number }
  | { kind: "burn_rate"; service: ServiceScope; windowSeconds: number }
  | { kind: "connector_headroom"; windowSeconds: number };

export interface Threshold {
  type: ValueType;
  /** Normalised: ratio 0..1, duration in ms, number as written, string as written. */
  value: number | string;
  /** As written in the expression, e.g. `95%` or `200ms`. */
  text: string;
}

export interface CompareNode {
  kind: "compare";
  measurement: Measurement;
  /** Stable Snapshot key of the measurement, e.g. `startup_success_rate|all|86400`. */
  key: string;
  valueType: ValueType;
  op: CompareOp;
  threshold: Threshold;
  /** Window as written (`1h`), or null for point-in-time measurements. */
  window: string | null;
  /** This comparison's source text, for reasons shown to engineers. */
  text: string;
  /** The measured side as written, e.g. `startup_success_rate(all, 1h)`. */
  subject: string;
  column: number;
}

export type Expr = BoolExpr<CompareNode>;

export interface DataNeed {
  key: string;
  measurement: Measurement;
}

export interface SnapshotEntry {
  value: number | string | null;
  /** ISO 8601 time the value was measured; null means its age is unknown. */
  measuredAt: string | null;
}

export type Snapshot = Readonly<Record<string, SnapshotEntry | undefined>>;

/** Why a comparison could not be decided. */
export type UnknownCause = "missing" | "null" | "no-time" | "stale" | "future" | "invalid";

export interface TermEvaluation {
  key: string;
  text: string;
  subject: string;
  measurement: Measurement;
  op: CompareOp;
  threshold: Threshold;
  value: number | string | null;
  result: EvalResult;
  measured: string;
  window: string | null;
  measuredAt: string | null;
  cause?: UnknownCause;
  reason?: string;
}

export interface Evaluation {
  result: EvalResult;
  /** Human text of the measured value(s) with unit, e.g. `97.3%` or `183 ms`. */
  measured: string;
  window: string | null;
  evaluatedAt: string;
  /** The oldest measurement the result rests on: the failing parts of a fail, the passing parts of a pass, all parts otherwise. */
  measuredAt: string | null;
  reason?: string;
  /** One entry per comparison, in source order. */
  terms: TermEvaluation[];
}

/** A criterion that cannot be read: line and column in the expression, what was expected, what was there. */
export type ParseError = ExprError;

export type ParseResult = Parsed<Expr>;
