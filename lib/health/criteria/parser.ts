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
import { MAX_SLO_WINDOW_DAYS, MIN_SLO_WINDOW_DAYS } from "@/lib/slo/config";
import { BURN_WINDOWS, WINDOW_MS } from "@/lib/slo/windows";
import { measurementKey } from "./keys";
import { CriteriaSyntaxError, describeToken, tokenize, type Token } from "./tokenizer";
import { toMilliseconds } from "./format";
import type { CompareNode, Expr, ParseResult, Threshold, ValueType } from "./types";

/**
 * Recursive descent over:
 *   expr       := conj ("or" conj)*
 *   conj       := primary ("and" primary)*
 *   primary    := "(" expr ")" | measure op literal
 *   measure    := name "(" args ")"        (arguments checked against the function's signature)
 * `and` binds tighter than `or`, as in SQL. Type checking happens while parsing, so every
 * error points at the token that is wrong and says what was expected there.
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

class Parser {
  private pos = 0;
  constructor(
    private readonly src: string,
    private readonly tokens: Token[],
  ) {}

  private peek(): Token {
    const t = this.tokens[this.pos] ?? this.tokens[this.tokens.length - 1];
    if (!t) throw new Error("criteria: the tokenizer returned no tokens");
    return t;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== "end") this.pos += 1;
    return t;
  }

  private fail(t: Token, expected: string): never {
    throw new CriteriaSyntaxError(t.column, expected, describeToken(t));
  }

  private isWord(t: Token, word: string): boolean {
    return t.kind === "ident" && t.name === word;
  }

  private expectPunct(text: "(" | ")" | ",", expected: string): Token {
    const t = this.next();
    if (t.kind !== "punct" || t.text !== text) this.fail(t, expected);
    return t;
  }

  parseTop(): Expr {
    const e = this.parseOr();
    const t = this.peek();
    if (t.kind !== "end")
      this.fail(
        t,
        t.kind === "punct" && t.text === ")"
          ? 'and, or or end of input (this ")" has no "(")'
          : "and, or or end of input",
      );
    return e;
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.isWord(this.peek(), "or")) {
      this.next();
      left = { kind: "or", left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parsePrimary();
    while (this.isWord(this.peek(), "and")) {
      this.next();
      left = { kind: "and", left, right: this.parsePrimary() };
    }
    return left;
  }

  private parsePrimary(): Expr {
    const t = this.peek();
    if (t.kind === "punct" && t.text === "(") {
      this.next();
      const inner = this.parseOr();
      const close = this.peek();
      if (close.kind !== "punct" || close.text !== ")") this.fail(close, 'and, or or ")"');
      this.next();
      return inner;
    }
    return this.parseComparison();
  }

  private parseComparison(): CompareNode {
    const nameTok = this.next();
    const start = nameTok.column - 1;
    if (nameTok.kind !== "ident") this.fail(nameTok, `a function (${FUNCTIONS_LIST}) or "("`);
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
      text: this.src.slice(start, litTok.column - 1 + litTok.text.length),
      subject: this.src.slice(start, opTok.column - 1).trim(),
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

/** Parses and type-checks a criterion; never throws on bad input. */
export function parseCriterion(src: string): ParseResult {
  try {
    return { ok: true, ast: new Parser(src, tokenize(src)).parseTop() };
  } catch (err) {
    if (!(err instanceof CriteriaSyntaxError)) throw err;
    return { ok: false, error: { column: err.column, expected: err.expected, got: err.got, message: err.message } };
  }
}

/** Every comparison of an expression, in source order. */
export function comparisons(e: Expr): CompareNode[] {
  return e.kind === "compare" ? [e] : [...comparisons(e.left), ...comparisons(e.right)];
}
