import { MEASURES, SERIES } from "@/lib/criteria/core/functions";
import { toMilliseconds } from "@/lib/core/expr/durations";
import { parseComparison, type Cursor, type Environment, type ExprError } from "@/lib/core/expr/parser";
import { OPS, type CompareOp, type Position } from "@/lib/core/expr/tokenizer";
import { DNS_RCODES } from "./dns-rcodes";
import { PLACEHOLDER_NAMES, isPlaceholder, placeholderSpec, type Placeholder } from "./placeholders";

/**
 * The probe environment of the expression language (lib/core/expr): probe conditions, a
 * superset of Gatus's: `[STATUS] == 200`, `[RESPONSE_TIME] < 300`, `[BODY].status == "UP"`,
 * `[BODY] == pat(*ok*)`, `[CERTIFICATE_EXPIRATION] > 48h`, `len([BODY].items) > 0`,
 * `[STATUS] == any(200, 204)`, `any(200, 429) == [STATUS]`, `[BODY].a == [BODY].b`,
 * `[HEADERS].content-type == pat(application/json*)`, `[IP] == 127.0.0.1`,
 * `[DNS_RCODE] == NOERROR`, `[DOMAIN_EXPIRATION] > 720h`.
 * Either side may be a placeholder, a function of one (`len`, `has`), a literal, `pat()` or `any()`;
 * literals are free text as in Gatus (`[BODY].name == john doe`).
 *
 * Deliberately stricter than Gatus, so a config that means nothing fails at load instead of
 * quietly comparing text: an unknown `[PLACEHOLDER]` on either side is an error (Gatus compares it
 * as text), a condition must read at least one placeholder, `pat()`/`any()` stand on one side only
 * and only with == or !=, <, <=, >, >= need a number or a duration on a literal side, and a
 * function other than len/has/pat/any (a criteria metric function, say) is an error, and a
 * [DNS_RCODE] compared with a name that is no response code is an error (Gatus compares it as text).
 */

export type ConditionOp = CompareOp;
export type PathSegment = string | number;
export type Literal = { text: string; number: number | null };

/** One side of a comparison. */
export type Operand =
  | { kind: "placeholder"; placeholder: Placeholder; path: PathSegment[]; fn: "len" | "has" | null }
  | { kind: "literal"; literal: Literal }
  | { kind: "pattern"; glob: string }
  | { kind: "any"; options: Literal[] };

export interface Condition {
  text: string;
  left: Operand;
  op: ConditionOp;
  right: Operand;
}

/**
 * The probe type a condition is written for: its name (for errors) and the placeholders it
 * offers. A probe type's entry in the registry (lib/probes/core/kinds) is one.
 */
export interface ConditionTarget {
  type: string;
  placeholders: readonly Placeholder[];
}

export type ParsedCondition =
  { ok: true; condition: Condition } | { ok: false; error: string; line: number; column: number };

const PROBE_FUNCTIONS = "len(), has(), pat() or any()";
const OP_AHEAD = /==|!=|<=|>=|<|>/y;
const FUNCTION_AHEAD = /([A-Za-z_][A-Za-z0-9_]*)\(/y;
const PLACEHOLDER_AHEAD = /\[[A-Za-z_]+\]/y;
const WORD_AHEAD = /\S+/y;

/** A literal as written: quotes removed, a number (a duration in ms) where it is one. */
export function parseLiteral(raw: string): Literal {
  const t = raw.trim();
  const quoted = /^"(.*)"$/.exec(t) ?? /^'(.*)'$/.exec(t);
  if (quoted) return { text: quoted[1] ?? "", number: null };
  const num = /^(-?\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(t);
  // A bare number is milliseconds where it is a time ([RESPONSE_TIME] < 300), and itself elsewhere.
  if (num) return { text: t, number: toMilliseconds(Number(num[1]), num[2] ?? "ms") };
  return { text: t, number: null };
}

function parsePath(rest: string, fields: "json" | "header"): PathSegment[] | null {
  // Header names may hold dashes and dots are not nested for headers: `[HEADERS].x-request-id`.
  if (fields === "header") {
    const m = /^\.([A-Za-z0-9!#$%&'*+.^_`|~-]+)$/.exec(rest);
    return m?.[1] ? [m[1].toLowerCase()] : null;
  }
  const path: PathSegment[] = [];
  const re = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]/y;
  let at = 0;
  while (at < rest.length) {
    re.lastIndex = at;
    const m = re.exec(rest);
    if (!m) return null;
    path.push(m[1] ?? Number(m[2]));
    at = re.lastIndex;
  }
  return path;
}

/** One parsed side and where it starts, for errors about it. */
type Side = { operand: Operand; at: Position };

const isMatcher = (o: Operand) => o.kind === "pattern" || o.kind === "any";
const comparisonStarts = (src: string, i: number) => OPS.some((o) => src.startsWith(o, i));

class ConditionComparison {
  constructor(
    private readonly c: Cursor,
    private readonly target: ConditionTarget | undefined,
  ) {}

  parse(): Condition {
    const start = this.c.position(0);
    const left = this.operand("left");
    const { op, at: opAt } = this.op();
    const right = this.operand("right", op);
    const [l, r] = [left.operand, right.operand];
    if (l.kind !== "placeholder" && r.kind !== "placeholder")
      this.c.failAt(start, "one side must be a placeholder such as [STATUS] or [BODY].field");
    const ordering = op !== "==" && op !== "!=";
    if (ordering && (isMatcher(l) || isMatcher(r))) this.c.failAt(opAt, "pat() and any() only work with == and !=");
    for (const side of [left, right]) {
      if (ordering && side.operand.kind === "literal" && side.operand.literal.number === null)
        this.c.failAt(side.at, `${op} needs a number or a duration such as 300ms or 48h`);
    }
    this.checkResponseCodes(left, right);
    return { text: this.c.src, left: l, op, right: r };
  }

  /** A misspelt response code (NOERORR, nxdomain) would never match: refuse it rather than compare text forever. */
  private checkResponseCodes(...sides: [Side, Side]): void {
    for (const [a, b] of [sides, [sides[1], sides[0]]] as const) {
      if (a.operand.kind !== "placeholder" || a.operand.placeholder !== "DNS_RCODE" || a.operand.fn !== null) continue;
      const o = b.operand;
      const codes = o.kind === "literal" ? [o.literal] : o.kind === "any" ? o.options : [];
      const bad = codes.find((c) => !(DNS_RCODES as readonly string[]).includes(c.text));
      if (bad) this.c.failAt(b.at, `${bad.text} is not a DNS response code (${DNS_RCODES.join(", ")})`);
    }
  }

  private op(): { op: ConditionOp; at: Position } {
    const t = this.c.lookingAt(OP_AHEAD) ? this.c.next() : null;
    if (t?.kind === "op") return { op: t.op, at: t };
    const word = this.c.lookingAt(WORD_AHEAD)?.[0];
    const at = this.c.peekPosition();
    return this.c.failAt(
      at,
      `expected a comparison (==, !=, <, <=, >, >=), got ${word ? JSON.stringify(word) : "end of input"}`,
    );
  }

  private operand(side: "left" | "right", op?: ConditionOp): Side {
    const at = this.c.peekPosition();
    if (this.c.lookingAt(PLACEHOLDER_AHEAD)) return { operand: this.placeholder(null), at };
    const fn = this.c.lookingAt(FUNCTION_AHEAD)?.[1];
    if (fn !== undefined) return { operand: this.call(fn), at };
    // Free text as in Gatus, up to a comparison: a second one (`[STATUS] == 200 and [BODY].ok == true`)
    // is then an error, where Gatus would compare "200 and [BODY].ok == true" as text.
    const raw = this.c.raw(comparisonStarts);
    if (!raw.text) {
      if (side === "right") this.c.failAt(raw.at, `nothing after ${op ?? "the comparison"}`);
      const next = this.c.lookingAt(OP_AHEAD)?.[0];
      if (next) this.c.failAt(raw.at, `nothing before ${next}`);
    }
    return { operand: { kind: "literal", literal: parseLiteral(raw.text) }, at: raw.at };
  }

  private call(name: string): Operand {
    const nameTok = this.c.next();
    if (name === "pat" || name === "any") {
      this.c.expectPunct("(", `"(" after ${name}`);
      const args: string[] = [];
      for (;;) {
        args.push(this.c.raw((src, i) => src[i] === ")" || (name === "any" && src[i] === ",")).text);
        const t = this.c.next();
        if (t.kind === "punct" && t.text === ")") break;
        if (t.kind !== "punct" || t.text !== ",") this.c.fail(t, `")" to close ${name}(`);
      }
      if (name === "pat") return { kind: "pattern", glob: parseLiteral(args[0] ?? "").text };
      return { kind: "any", options: args.map(parseLiteral) };
    }
    if (name === "len" || name === "has") {
      this.c.expectPunct("(", `"(" after ${name}`);
      if (!this.c.lookingAt(PLACEHOLDER_AHEAD))
        this.c.failAt(this.c.peekPosition(), `${name}() takes a placeholder such as [BODY].items`);
      const operand = this.placeholder(name);
      this.c.expectPunct(")", `")" to close ${name}(`);
      return operand;
    }
    const metric = Object.hasOwn(MEASURES, name) || Object.hasOwn(SERIES, name);
    return this.c.fail(
      nameTok,
      metric
        ? `a placeholder such as [STATUS], ${PROBE_FUNCTIONS} (${name} is a metric function: it belongs in success criteria and readiness checks)`
        : `a placeholder such as [STATUS], ${PROBE_FUNCTIONS} (the functions of probe conditions)`,
    );
  }

  private placeholder(fn: "len" | "has" | null): Operand {
    const t = this.c.next();
    if (t.kind !== "placeholder") return this.c.fail(t, "a placeholder such as [STATUS]");
    if (!isPlaceholder(t.name))
      return this.c.failAt(
        t,
        `unknown placeholder [${t.name}] (use ${PLACEHOLDER_NAMES.map((p) => `[${p}]`).join(", ")})`,
      );
    const placeholder = t.name;
    const spec = placeholderSpec(placeholder);
    if (this.target && !this.target.placeholders.includes(placeholder))
      this.c.failAt(t, `a ${this.target.type} probe has no [${placeholder}]`);
    const rest = t.path;
    if (rest && spec.fields === "none") this.c.failAt(t, "only [BODY] and [HEADERS] have fields");
    if (spec.fields === "none") return { kind: "placeholder", placeholder, path: [], fn };
    if (spec.fields === "header" && !rest)
      this.c.failAt(t, `[${placeholder}] needs a header name, e.g. [HEADERS].content-type`);
    const path = parsePath(rest, spec.fields);
    if (!path)
      this.c.failAt(
        t,
        `bad path after [${placeholder}] (use ${spec.fields === "header" ? ".header-name" : ".field or [0]"})`,
      );
    return { kind: "placeholder", placeholder, path, fn };
  }
}

function environment(target: ConditionTarget | undefined): Environment<Condition> {
  return {
    freeText: true,
    after: "end of input (a probe condition is one comparison: list each condition separately)",
    comparison: (c) => new ConditionComparison(c, target).parse(),
  };
}

function errorText(text: string, e: ExprError): ParsedCondition {
  return { ok: false, error: `${JSON.stringify(text)} ${e.message}`, line: e.line, column: e.column };
}

/** Parses one condition; when `target` is given, also checks that the probe type offers each placeholder. */
export function parseCondition(text: string, target?: ConditionTarget): ParsedCondition {
  const r = parseComparison(text, environment(target));
  return r.ok ? { ok: true, condition: r.ast } : errorText(text, r.error);
}

/** The placeholders a condition reads (one or two). */
export function placeholdersOf(c: Condition): Placeholder[] {
  return [c.left, c.right].flatMap((o) => (o.kind === "placeholder" ? [o.placeholder] : []));
}
