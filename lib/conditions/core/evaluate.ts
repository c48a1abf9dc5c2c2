import { formatMs } from "@/lib/core/format";
import type { ConditionResult } from "@/lib/conditions/core/result";
import { placeholdersOf, type Condition, type Literal, type Operand, type PathSegment } from "./parse";
import { placeholderSpec, type ConditionContext } from "./placeholders";

const ABSENT = Symbol("absent");
type Value = string | number | boolean | null | object | typeof ABSENT;
type PlaceholderOperand = Extract<Operand, { kind: "placeholder" }>;

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

function parseJson(body: string): Value {
  try {
    return JSON.parse(body) as Value;
  } catch {
    return ABSENT;
  }
}

function bodyValue(body: string, o: PlaceholderOperand): Value {
  if (o.path.length > 0) {
    const json = parseJson(body);
    return json === ABSENT ? ABSENT : walk(json, o.path);
  }
  // As in Gatus, len([BODY]) of a JSON array or object counts its items, not its characters.
  if (o.fn === "len") {
    const json = parseJson(body);
    if (json !== null && typeof json === "object") return json;
  }
  return body;
}

/** The measured value of a placeholder; undefined when the attempt never got that far. */
function measured(o: PlaceholderOperand, ctx: ConditionContext): Value | undefined {
  const spec = placeholderSpec(o.placeholder);
  const raw = spec.read(ctx);
  if (raw === undefined) return undefined;
  switch (spec.fields) {
    case "none":
      return raw as Value;
    case "json":
      return typeof raw === "string" ? bodyValue(raw, o) : ABSENT;
    case "header": {
      if (raw === null || typeof raw !== "object") return ABSENT;
      const headers = raw as Record<string, string>;
      const name = String(o.path[0] ?? "");
      return Object.hasOwn(headers, name) ? (headers[name] ?? ABSENT) : ABSENT;
    }
  }
}

function applyFn(o: PlaceholderOperand, v: Value): Value {
  if (o.fn === "has") return v !== ABSENT;
  if (o.fn === "len") {
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

/** A side once resolved: a value (possibly absent), or a matcher that tests the other side. */
type Resolved =
  | { kind: "value"; value: Value; literal: Literal | null }
  | { kind: "pattern"; re: RegExp }
  | { kind: "any"; options: Literal[] };

function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, "[\\s\\S]*")
    .replace(/\?/g, ".");
  return new RegExp(`^${body}$`);
}

function resolveSide(o: Operand, ctx: ConditionContext): Resolved | undefined {
  switch (o.kind) {
    case "literal":
      return { kind: "value", value: o.literal.number ?? o.literal.text, literal: o.literal };
    case "pattern":
      return { kind: "pattern", re: globToRegExp(o.glob) };
    case "any":
      return { kind: "any", options: o.options };
    case "placeholder": {
      const raw = measured(o, ctx);
      return raw === undefined ? undefined : { kind: "value", value: applyFn(o, raw), literal: null };
    }
  }
}

function numberOf(r: { value: Value; literal: Literal | null }): number | null {
  return r.literal ? r.literal.number : asNumber(r.value);
}

function textOf(r: { value: Value; literal: Literal | null }): string {
  return r.literal ? r.literal.text : asText(r.value);
}

function equalValues(
  a: { value: Value; literal: Literal | null },
  b: { value: Value; literal: Literal | null },
): boolean {
  if (a.value === ABSENT || b.value === ABSENT) return false;
  const [na, nb] = [numberOf(a), numberOf(b)];
  if (na !== null && nb !== null) return na === nb;
  return textOf(a) === textOf(b);
}

function compare(op: Condition["op"], l: Resolved, r: Resolved): boolean {
  const [value, matcher] = l.kind === "value" ? [l, r] : [r as Extract<Resolved, { kind: "value" }>, l];
  if (matcher.kind !== "value") {
    const hit =
      matcher.kind === "pattern"
        ? value.value !== ABSENT && matcher.re.test(textOf(value))
        : matcher.options.some((o) => equalValues(value, { value: o.number ?? o.text, literal: o }));
    return (op === "==") === hit;
  }
  if (l.kind !== "value" || r.kind !== "value") return false;
  if (op === "==") return equalValues(l, r);
  if (op === "!=") return !equalValues(l, r);
  const [a, b] = [numberOf(l), numberOf(r)];
  if (l.value === ABSENT || r.value === ABSENT || a === null || b === null) return false;
  return op === "<" ? a < b : op === "<=" ? a <= b : op === ">" ? a > b : a >= b;
}

function display(o: PlaceholderOperand, v: Value): string {
  if (v === ABSENT) return "(absent)";
  const shows = placeholderSpec(o.placeholder).shows;
  // Times read as durations (lib/core/format.ts): "183 ms", "1.2 s", "36 h", "3 d".
  if (o.fn === null && typeof v === "number" && shows === "duration") return formatMs(v);
  const text = typeof v === "string" ? JSON.stringify(v) : asText(v);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/** Evaluates one condition on what an attempt measured, keeping the value(s) it was judged on. */
export function evaluateCondition(c: Condition, ctx: ConditionContext): ConditionResult {
  const soft = placeholdersOf(c).some((p) => placeholderSpec(p).soft);
  const l = resolveSide(c.left, ctx);
  const r = resolveSide(c.right, ctx);
  if (!l || !r) {
    // A placeholder the attempt reached but could not measure names its cause (e.g. RDAP unreachable).
    const why = placeholdersOf(c)
      .map((p) => ctx.unmeasured?.[p])
      .find((w) => w !== undefined);
    return {
      condition: c.text,
      passed: null,
      value: null,
      soft,
      error: why ?? "not measured: the attempt failed first",
    };
  }
  const shown = ([c.left, c.right] as const).flatMap((o, i) => {
    const side = i === 0 ? l : r;
    return o.kind === "placeholder" && side.kind === "value" ? [display(o, side.value)] : [];
  });
  return { condition: c.text, passed: compare(c.op, l, r), value: shown.join(" vs "), soft };
}
