import type { ProbeType } from "./types";

/**
 * A small condition language in the style of Gatus: `[STATUS] == 200`, `[RESPONSE_TIME] < 300`,
 * `[BODY].status == "UP"`, `[BODY] == pat(*ok*)`, `[CERTIFICATE_EXPIRATION] > 48h`,
 * `len([BODY].items) > 0`, `[STATUS] == any(200, 204)`. A placeholder on the left, a value on the right.
 */

export const PLACEHOLDERS = ["STATUS", "RESPONSE_TIME", "BODY", "CERTIFICATE_EXPIRATION", "CONNECTED"] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type ConditionOp = "==" | "!=" | "<=" | ">=" | "<" | ">";

/** Which probe types can supply each placeholder (checked when the config is loaded). */
const SUPPLIED_BY: Record<Placeholder, readonly ProbeType[]> = {
  STATUS: ["http"],
  RESPONSE_TIME: ["http", "tcp", "postgres", "websocket"],
  BODY: ["http", "websocket"],
  CERTIFICATE_EXPIRATION: ["http"],
  CONNECTED: ["http", "tcp", "postgres", "websocket"],
};

/** Latency and certificate age make a target degraded (slow, expiring), not down. */
export const SOFT_PLACEHOLDERS: readonly Placeholder[] = ["RESPONSE_TIME", "CERTIFICATE_EXPIRATION"];

export type PathSegment = string | number;
export type Literal = { text: string; number: number | null };
export type Expected = { kind: "literal"; literal: Literal } | { kind: "pattern"; glob: string } | { kind: "any"; options: Literal[] };

export interface Condition {
  text: string;
  placeholder: Placeholder;
  path: PathSegment[];
  fn: "len" | "has" | null;
  op: ConditionOp;
  expected: Expected;
}

export type ParsedCondition = { ok: true; condition: Condition } | { ok: false; error: string };

const OPS: readonly ConditionOp[] = ["==", "!=", "<=", ">=", "<", ">"];
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Index and operator of the first comparison outside quotes and parentheses. */
function findOperator(text: string): { index: number; op: ConditionOp } | null {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (depth === 0) {
      const op = OPS.find((o) => text.startsWith(o, i));
      if (op) return { index: i, op };
    }
  }
  return null;
}

function parseLiteral(raw: string): Literal {
  const t = raw.trim();
  const quoted = /^"(.*)"$/.exec(t) ?? /^'(.*)'$/.exec(t);
  if (quoted) return { text: quoted[1] ?? "", number: null };
  const num = /^(-?\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(t);
  if (num) return { text: t, number: Number(num[1]) * (UNIT_MS[num[2] ?? "ms"] ?? 1) };
  return { text: t, number: null };
}

/** Splits `a, "b, c", d` on commas outside quotes. */
function splitArgs(text: string): string[] {
  const out: string[] = [];
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ",") {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((s) => s.trim());
}

function parsePath(rest: string): PathSegment[] | null {
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

/** Parses one condition; when `type` is given, also checks that the probe type supplies the placeholder. */
export function parseCondition(text: string, type?: ProbeType): ParsedCondition {
  const found = findOperator(text);
  if (!found) return { ok: false, error: `"${text}": expected a comparison (==, !=, <, <=, >, >=)` };
  let left = text.slice(0, found.index).trim();
  const right = text.slice(found.index + found.op.length).trim();
  if (!right) return { ok: false, error: `"${text}": nothing after ${found.op}` };
  const fnMatch = /^(len|has)\((.*)\)$/.exec(left);
  const fn = fnMatch ? (fnMatch[1] as "len" | "has") : null;
  if (fnMatch) left = (fnMatch[2] ?? "").trim();
  const ph = /^\[([A-Z_]+)\](.*)$/.exec(left);
  if (!ph) return { ok: false, error: `"${text}": the left side must be a placeholder such as [STATUS] or [BODY].field` };
  const placeholder = PLACEHOLDERS.find((p) => p === ph[1]);
  if (!placeholder) return { ok: false, error: `"${text}": unknown placeholder [${ph[1]}] (use ${PLACEHOLDERS.map((p) => `[${p}]`).join(", ")})` };
  if (type && !SUPPLIED_BY[placeholder].includes(type)) return { ok: false, error: `"${text}": a ${type} probe has no [${placeholder}]` };
  const path = parsePath(ph[2] ?? "");
  if (!path) return { ok: false, error: `"${text}": bad path after [${placeholder}] (use .field or [0])` };
  if (path.length && placeholder !== "BODY") return { ok: false, error: `"${text}": only [BODY] has fields` };
  const pattern = /^pat\((.*)\)$/.exec(right);
  const any = /^any\((.*)\)$/.exec(right);
  const ordering = !["==", "!="].includes(found.op);
  if ((pattern || any) && ordering) return { ok: false, error: `"${text}": pat() and any() only work with == and !=` };
  const expected: Expected = pattern
    ? { kind: "pattern", glob: parseLiteral(pattern[1] ?? "").text }
    : any
      ? { kind: "any", options: splitArgs(any[1] ?? "").map(parseLiteral) }
      : { kind: "literal", literal: parseLiteral(right) };
  if (ordering && expected.kind === "literal" && expected.literal.number === null) {
    return { ok: false, error: `"${text}": ${found.op} needs a number or a duration such as 300ms or 48h` };
  }
  return { ok: true, condition: { text, placeholder, path, fn, op: found.op, expected } };
}
