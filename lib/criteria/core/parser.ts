import {
  EXPECTED_ARG,
  EXPECTED_THRESHOLD,
  MEASURES,
  PROBE_PHASES,
  PROBE_STATUSES,
  SERIES,
  signatureOf,
  type ArgValue,
  type ParamKind,
} from "./functions";
import { MAX_SLO_WINDOW_DAYS, MIN_SLO_WINDOW_DAYS } from "@/lib/core/slo-windows";
import { BURN_WINDOWS, WINDOW_MS } from "@/lib/core/slo-windows";
import { toMilliseconds } from "@/lib/core/expr/durations";
import { leaves } from "@/lib/core/expr/logic";
import { parseExpression, type Cursor, type Environment } from "@/lib/core/expr/parser";
import type { Token } from "@/lib/core/expr/tokenizer";
import { measurementKey } from "./keys";
import type { CompareNode, Expr, ParseResult, Threshold, ValueType } from "./types";

/**
 * The criteria environment of the expression language (lib/core/expr): a comparison is
 *   measure op literal,   measure := name "(" args ")"
 * with the arguments checked against the function's signature and the literal against the
 * function's value type. Comparisons combine with and / or / parentheses (the shared grammar).
 */

const SLUG = /^[a-z][a-z0-9-]{0,62}$/;
const MAX_WINDOW_SECONDS = 30 * 86_400;
/** error_budget_remaining reads an SLO window (whole days, 3–30); burn_rate one of the alert windows. */
const SLO_WINDOW_SECONDS: readonly number[] = Array.from(
  { length: MAX_SLO_WINDOW_DAYS - MIN_SLO_WINDOW_DAYS + 1 },
  (_, i) => (MIN_SLO_WINDOW_DAYS + i) * 86_400,
);
const BURN_WINDOW_SECONDS: readonly number[] = BURN_WINDOWS.map((w) => WINDOW_MS[w] / 1_000);
const FUNCTIONS_LIST = Object.keys(MEASURES).join(", ");

/** Names of the probe environment, named in errors when they turn up in a criterion. */
const PROBE_FUNCTIONS: readonly string[] = ["len", "has", "pat", "any"];

class MetricsComparison {
  constructor(private readonly c: Cursor) {}

  private fail(t: Token, expected: string): never {
    return this.c.fail(t, expected);
  }

  private next(): Token {
    return this.c.next();
  }

  private isWord(t: Token, word: string): boolean {
    return this.c.isWord(t, word);
  }

  private expectPunct(text: "(" | ")" | ",", expected: string): Token {
    return this.c.expectPunct(text, expected);
  }

  parse(): CompareNode {
    const nameTok = this.next();
    const start = nameTok.offset;
    if (nameTok.kind === "placeholder")
      this.fail(nameTok, `a function (${FUNCTIONS_LIST}); placeholders such as [STATUS] belong in probe conditions`);
    if (nameTok.kind !== "ident") this.fail(nameTok, `a function (${FUNCTIONS_LIST}) or "("`);
    if (PROBE_FUNCTIONS.includes(nameTok.name))
      this.fail(nameTok, `a function (${FUNCTIONS_LIST}); ${nameTok.name}() belongs in probe conditions`);
    if (SERIES[nameTok.name]) {
      this.fail(nameTok, `a measurement (${nameTok.name} gives timings: wrap it, as in p95(${nameTok.name}(…), 1h))`);
    }
    const spec = MEASURES[nameTok.name];
    if (!spec) this.fail(nameTok, `a function (${FUNCTIONS_LIST})`);
    const args = this.parseArgs(nameTok.name, spec);
    const measurement = spec.build(args);
    const windowArg = args.find((a) => a.kind === "window");

    const opTok = this.next();
    if (opTok.kind !== "op") this.fail(opTok, "a comparison (>, >=, <, <=, ==, !=)");
    if (spec.returns === "string" && opTok.op !== "==" && opTok.op !== "!=")
      this.fail(opTok, "== or != (a status is text)");
    const litTok = this.next();
    const threshold = this.parseThreshold(litTok, spec.returns);

    return {
      kind: "compare",
      measurement,
      key: measurementKey(measurement),
      valueType: spec.returns,
      op: opTok.op,
      threshold,
      window: windowArg?.kind === "window" ? windowArg.text : null,
      text: this.c.src.slice(start, litTok.offset + litTok.text.length),
      subject: this.c.src.slice(start, opTok.offset).trim(),
      column: nameTok.column,
    };
  }

  private parseArgs(name: string, spec: { params: readonly ParamKind[]; names: readonly string[] }): ArgValue[] {
    const arity =
      spec.params.length === 0
        ? "takes no arguments"
        : `takes ${spec.params.length} argument${spec.params.length === 1 ? "" : "s"}: ${signatureOf(name, spec)}`;
    this.expectPunct("(", `"(" after ${name}`);
    const args: ArgValue[] = [];
    spec.params.forEach((kind, i) => {
      if (i > 0) this.expectPunct(",", `"," — ${name} ${arity}`);
      args.push(this.parseArg(kind));
    });
    this.expectPunct(")", `")" — ${name} ${arity}`);
    return args;
  }

  private parseArg(kind: ParamKind): ArgValue {
    const t = this.next();
    const expected = EXPECTED_ARG[kind];
    switch (kind) {
      case "scope":
        if (this.isWord(t, "all")) return { kind: "scope", scope: { kind: "all" } };
        // A service literally named "all" would share a key with every service.
        if (t.kind === "string" && SLUG.test(t.value) && t.value !== "all")
          return { kind: "scope", scope: { kind: "service", name: t.value } };
        return this.fail(t, expected);
      case "probe":
      case "signature":
        if (t.kind === "string" && SLUG.test(t.value)) return { kind: "text", value: t.value };
        return this.fail(t, expected);
      case "phase":
        if (t.kind === "string" && (PROBE_PHASES as readonly string[]).includes(t.value))
          return { kind: "text", value: t.value };
        return this.fail(t, expected);
      case "slo-window":
      case "burn-window": {
        const ms = t.kind === "number" && t.unit !== null ? toMilliseconds(t.value, t.unit) : null;
        const seconds = ms === null ? null : ms / 1_000;
        const fits =
          kind === "slo-window"
            ? SLO_WINDOW_SECONDS.includes(seconds ?? -1)
            : BURN_WINDOW_SECONDS.includes(seconds ?? -1);
        if (seconds === null || !fits) return this.fail(t, expected);
        return { kind: "window", seconds, text: t.text };
      }
      case "window": {
        const ms = t.kind === "number" && t.unit !== null ? toMilliseconds(t.value, t.unit) : null;
        if (ms === null) return this.fail(t, expected);
        const seconds = ms / 1_000;
        if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_WINDOW_SECONDS) {
          return this.fail(t, "a window of whole seconds between 1s and 30d");
        }
        return { kind: "window", seconds, text: t.text };
      }
      case "series": {
        const spec = t.kind === "ident" ? SERIES[t.name] : undefined;
        if (t.kind !== "ident" || !spec) return this.fail(t, expected);
        return { kind: "series", series: spec.build(this.parseArgs(t.name, spec)) };
      }
    }
  }

  private parseThreshold(t: Token, type: ValueType): Threshold {
    const expected = EXPECTED_THRESHOLD[type];
    if (type === "string") {
      if (t.kind === "string" && (PROBE_STATUSES as readonly string[]).includes(t.value))
        return { type, value: t.value, text: t.text };
      return this.fail(t, expected);
    }
    if (t.kind !== "number") return this.fail(t, expected);
    if (type === "ratio" || type === "share") {
      if (t.unit === null && t.value <= 1) return { type, value: t.value, text: t.text };
      if (t.unit === "%" && t.value <= 100) return { type, value: t.value / 100, text: t.text };
      return this.fail(t, expected);
    }
    if (type === "multiple") {
      if (t.unit === null) return { type, value: t.value, text: t.text };
      return this.fail(t, expected);
    }
    if (type === "number") {
      if (t.unit === null && Number.isInteger(t.value)) return { type, value: t.value, text: t.text };
      return this.fail(t, expected);
    }
    const ms = t.unit === null ? null : toMilliseconds(t.value, t.unit);
    if (ms === null) return this.fail(t, expected);
    return { type, value: ms, text: t.text };
  }
}

/** The metrics environment: time-windowed metric functions compared with typed literals. */
export const METRICS: Environment<CompareNode> = {
  freeText: false,
  after: "and, or or end of input",
  comparison: (c) => new MetricsComparison(c).parse(),
};

/** Parses and type-checks a criterion; never throws on bad input. */
export function parseCriterion(src: string): ParseResult {
  return parseExpression(src, METRICS);
}

/**
 * A configured expression's AST: the one the config loader parsed (zod transform in
 * lib/config/core/staging-schema.ts), or, for one built by hand (tests), parsed now.
 */
export function astOf(c: { expr: string; ast?: Expr | undefined }): ParseResult {
  return c.ast ? { ok: true, ast: c.ast } : parseCriterion(c.expr);
}

/** Every comparison of an expression, in source order. */
export function comparisons(e: Expr): CompareNode[] {
  return leaves(e);
}
