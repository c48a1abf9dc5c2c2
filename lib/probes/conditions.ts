import { DNS_RCODES } from "./dns-rcodes";
import type { ProbeKind as ProbeType } from "./probe-kinds";

/**
 * Probe conditions, a superset of Gatus's: `[STATUS] == 200`, `[RESPONSE_TIME] < 300`,
 * `[BODY].status == "UP"`, `[BODY] == pat(*ok*)`, `[CERTIFICATE_EXPIRATION] > 48h`,
 * `len([BODY].items) > 0`, `[STATUS] == any(200, 204)`, `any(200, 429) == [STATUS]`,
 * `[BODY].a == [BODY].b`, `[HEADERS].content-type == pat(application/json*)`, `[IP] == 127.0.0.1`,
 * `[DNS_RCODE] == NOERROR`, `[DOMAIN_EXPIRATION] > 720h`.
 * Either side may be a placeholder, a function of one (`len`, `has`), a literal, `pat()` or `any()`.
 *
 * Deliberately stricter than Gatus, so a config that means nothing fails at load instead of
 * quietly comparing text: an unknown `[PLACEHOLDER]` on either side is an error (Gatus compares it
 * as text), a condition must read at least one placeholder, `pat()`/`any()` stand on one side only
 * and only with == or !=, and <, <=, >, >= need a number or a duration on a literal side.
 */

export const PLACEHOLDERS = [
  "STATUS",
  "RESPONSE_TIME",
  "BODY",
  "CERTIFICATE_EXPIRATION",
  "CONNECTED",
  "IP",
  "HEADERS",
  "DNS_RCODE",
  "DOMAIN_EXPIRATION",
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type ConditionOp = "==" | "!=" | "<=" | ">=" | "<" | ">";

/** Which probe types can supply each placeholder (checked when the config is loaded). */
const SUPPLIED_BY: Record<Placeholder, readonly ProbeType[]> = {
  STATUS: ["http"],
  RESPONSE_TIME: ["http", "tcp", "postgres", "websocket", "dns"],
  BODY: ["http", "websocket", "dns"],
  CERTIFICATE_EXPIRATION: ["http"],
  CONNECTED: ["http", "tcp", "postgres", "websocket", "dns"],
  IP: ["http", "tcp", "postgres", "websocket", "dns"],
  HEADERS: ["http"],
  DNS_RCODE: ["dns"],
  DOMAIN_EXPIRATION: ["http", "dns"],
};

/** Latency, certificate and domain expiry make a target degraded (slow, expiring), not down. */
export const SOFT_PLACEHOLDERS: readonly Placeholder[] = [
  "RESPONSE_TIME",
  "CERTIFICATE_EXPIRATION",
  "DOMAIN_EXPIRATION",
];

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

function parsePath(rest: string, placeholder: Placeholder): PathSegment[] | null {
  // Header names may hold dashes and dots are not nested for headers: `[HEADERS].x-request-id`.
  if (placeholder === "HEADERS") {
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

type Side = { ok: true; operand: Operand } | { ok: false; error: string };

/** Parses one side; `[X]…` is always a placeholder, so a typo is an error and never plain text. */
function parseOperand(raw: string, quote: string, type: ProbeType | undefined): Side {
  let body = raw.trim();
  const pattern = /^pat\((.*)\)$/s.exec(body);
  if (pattern) return { ok: true, operand: { kind: "pattern", glob: parseLiteral(pattern[1] ?? "").text } };
  const any = /^any\((.*)\)$/s.exec(body);
  if (any) return { ok: true, operand: { kind: "any", options: splitArgs(any[1] ?? "").map(parseLiteral) } };
  const fnMatch = /^(len|has)\((.*)\)$/s.exec(body);
  const fn = fnMatch ? (fnMatch[1] as "len" | "has") : null;
  if (fnMatch) body = (fnMatch[2] ?? "").trim();
  const ph = /^\[([A-Za-z_]+)\](.*)$/s.exec(body);
  if (!ph) {
    if (fn) return { ok: false, error: `${quote}: ${fn}() takes a placeholder such as [BODY].items` };
    return { ok: true, operand: { kind: "literal", literal: parseLiteral(body) } };
  }
  const placeholder = PLACEHOLDERS.find((p) => p === ph[1]);
  if (!placeholder)
    return {
      ok: false,
      error: `${quote}: unknown placeholder [${ph[1]}] (use ${PLACEHOLDERS.map((p) => `[${p}]`).join(", ")})`,
    };
  if (type && !SUPPLIED_BY[placeholder].includes(type))
    return { ok: false, error: `${quote}: a ${type} probe has no [${placeholder}]` };
  const rest = ph[2] ?? "";
  if (rest && placeholder !== "BODY" && placeholder !== "HEADERS")
    return { ok: false, error: `${quote}: only [BODY] and [HEADERS] have fields` };
  if (placeholder === "HEADERS" && !rest)
    return { ok: false, error: `${quote}: [HEADERS] needs a header name, e.g. [HEADERS].content-type` };
  const path = parsePath(rest, placeholder);
  if (!path)
    return {
      ok: false,
      error: `${quote}: bad path after [${placeholder}] (use ${placeholder === "HEADERS" ? ".header-name" : ".field or [0]"})`,
    };
  return { ok: true, operand: { kind: "placeholder", placeholder, path, fn } };
}

const isMatcher = (o: Operand) => o.kind === "pattern" || o.kind === "any";

/** Parses one condition; when `type` is given, also checks that the probe type supplies each placeholder. */
export function parseCondition(text: string, type?: ProbeType): ParsedCondition {
  const quote = `"${text}"`;
  const found = findOperator(text);
  if (!found) return { ok: false, error: `${quote}: expected a comparison (==, !=, <, <=, >, >=)` };
  const leftText = text.slice(0, found.index).trim();
  const rightText = text.slice(found.index + found.op.length).trim();
  if (!leftText) return { ok: false, error: `${quote}: nothing before ${found.op}` };
  if (!rightText) return { ok: false, error: `${quote}: nothing after ${found.op}` };
  const left = parseOperand(leftText, quote, type);
  if (!left.ok) return left;
  const right = parseOperand(rightText, quote, type);
  if (!right.ok) return right;
  const [l, r] = [left.operand, right.operand];
  if (l.kind !== "placeholder" && r.kind !== "placeholder") {
    return { ok: false, error: `${quote}: one side must be a placeholder such as [STATUS] or [BODY].field` };
  }
  const ordering = found.op !== "==" && found.op !== "!=";
  if (ordering && (isMatcher(l) || isMatcher(r)))
    return { ok: false, error: `${quote}: pat() and any() only work with == and !=` };
  for (const side of [l, r]) {
    if (ordering && side.kind === "literal" && side.literal.number === null) {
      return { ok: false, error: `${quote}: ${found.op} needs a number or a duration such as 300ms or 48h` };
    }
  }
  // A misspelt response code would never match: refuse it rather than compare text forever.
  for (const [a, b] of [
    [l, r],
    [r, l],
  ] as const) {
    const codes = b.kind === "literal" ? [b.literal] : b.kind === "any" ? b.options : [];
    const bad = codes.find((c) => !(DNS_RCODES as readonly string[]).includes(c.text));
    if (a.kind === "placeholder" && a.placeholder === "DNS_RCODE" && a.fn === null && bad)
      return { ok: false, error: `${quote}: ${bad.text} is not a DNS response code (${DNS_RCODES.join(", ")})` };
  }
  return { ok: true, condition: { text, left: l, op: found.op, right: r } };
}

/** The placeholders a condition reads (one or two). */
export function placeholdersOf(c: Condition): Placeholder[] {
  return [c.left, c.right].flatMap((o) => (o.kind === "placeholder" ? [o.placeholder] : []));
}

const parsedOnce = new Map<string, ParsedCondition>();

/**
 * Parses a config condition once per process: the config is validated at load, so probe attempts
 * only look the result up (the text and probe type are the whole input).
 */
export function compiledCondition(text: string, type: ProbeType): ParsedCondition {
  const key = `${type}\u0000${text}`;
  let parsed = parsedOnce.get(key);
  if (!parsed) {
    parsed = parseCondition(text, type);
    // Bounded by the config's conditions; a hot reload adds the new ones.
    if (parsedOnce.size > 10_000) parsedOnce.clear();
    parsedOnce.set(key, parsed);
  }
  return parsed;
}
