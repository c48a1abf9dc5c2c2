import { SOFT_PLACEHOLDERS, type Condition, type Literal, type PathSegment } from "./conditions";
import type { ConditionResult } from "./types";

/** What an attempt measured, as the conditions see it; undefined = this attempt never got that far. */
export interface ConditionContext {
  connected: boolean;
  responseTimeMs?: number;
  status?: number;
  /** Body text (HTTP) or first message (WebSocket), already capped. */
  body?: string;
  certificateExpirationMs?: number;
}

const ABSENT = Symbol("absent");
type Value = string | number | boolean | null | object | typeof ABSENT;

function walk(root: unknown, path: PathSegment[]): Value {
  let at: unknown = root;
  for (const seg of path) {
    if (at === null || typeof at !== "object") return ABSENT;
    if (typeof seg === "number") {
      if (!Array.isArray(at) || seg >= at.length) return ABSENT;
      at = at[seg];
    } else {
      if (!Object.hasOwn(at, seg)) return ABSENT;
      at = (at as Record<string, unknown>)[seg];
    }
  }
  return at === undefined ? ABSENT : (at as Value);
}

function bodyValue(body: string, path: PathSegment[]): Value {
  if (path.length === 0) return body;
  try {
    return walk(JSON.parse(body), path);
  } catch {
    return ABSENT;
  }
}

function resolve(c: Condition, ctx: ConditionContext): Value | undefined {
  switch (c.placeholder) {
    case "CONNECTED":
      return ctx.connected;
    case "STATUS":
      return ctx.status;
    case "RESPONSE_TIME":
      return ctx.responseTimeMs;
    case "CERTIFICATE_EXPIRATION":
      return ctx.certificateExpirationMs;
    case "BODY":
      return ctx.body === undefined ? undefined : bodyValue(ctx.body, c.path);
  }
}

function applyFn(c: Condition, v: Value): Value {
  if (c.fn === "has") return v !== ABSENT;
  if (c.fn === "len") {
    if (typeof v === "string" || Array.isArray(v)) return v.length;
    if (v !== null && typeof v === "object") return Object.keys(v).length;
    return ABSENT;
  }
  return v;
}

function asNumber(v: Value): number | null {
  if (typeof v === "number") return v;
  if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return null;
}

function asText(v: Value): string {
  if (v === ABSENT) return "";
  return typeof v === "object" && v !== null ? JSON.stringify(v) : String(v);
}

function equals(v: Value, lit: Literal): boolean {
  const n = asNumber(v);
  if (lit.number !== null && n !== null) return n === lit.number;
  return asText(v) === lit.text;
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[\\s\\S]*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`);
}

function display(c: Condition, v: Value): string {
  if (v === ABSENT) return "(absent)";
  if (c.fn === null && typeof v === "number" && c.placeholder === "RESPONSE_TIME") return `${Math.round(v)} ms`;
  if (c.fn === null && typeof v === "number" && c.placeholder === "CERTIFICATE_EXPIRATION") return `${(v / 3_600_000).toFixed(1)} h`;
  const text = typeof v === "string" ? JSON.stringify(v) : asText(v);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

function compare(c: Condition, v: Value): boolean {
  const e = c.expected;
  if (e.kind === "pattern") return (c.op === "==") === globToRegExp(e.glob).test(asText(v));
  if (e.kind === "any") return (c.op === "==") === e.options.some((o) => equals(v, o));
  if (c.op === "==") return v !== ABSENT && equals(v, e.literal);
  if (c.op === "!=") return v === ABSENT || !equals(v, e.literal);
  const n = asNumber(v);
  const t = e.literal.number;
  if (n === null || t === null) return false;
  return c.op === "<" ? n < t : c.op === "<=" ? n <= t : c.op === ">" ? n > t : n >= t;
}

/** Evaluates one condition on what an attempt measured, keeping the value it was judged on. */
export function evaluateCondition(c: Condition, ctx: ConditionContext): ConditionResult {
  const soft = SOFT_PLACEHOLDERS.includes(c.placeholder);
  const raw = resolve(c, ctx);
  if (raw === undefined) return { condition: c.text, passed: null, value: null, soft, error: "not measured: the attempt failed first" };
  const v = applyFn(c, raw);
  return { condition: c.text, passed: compare(c, v), value: display(c, v), soft };
}
