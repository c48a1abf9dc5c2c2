import { invalidArgument } from "./grpc-errors";

/**
 * A subset of the Cloud Logging query language: comparisons `field op value` with
 * = != : >= <= > <, joined by AND (or juxtaposition), OR, NOT and parentheses. Fields:
 * resource.type, resource.labels.X, severity, timestamp, receiveTimestamp, textPayload,
 * logName, labels.X, insertId. `:` is a case-insensitive substring match.
 */

export type LogOp = "=" | "!=" | ":" | ">=" | "<=" | ">" | "<";

export type LogFilterNode =
  | { op: "and" | "or"; children: LogFilterNode[] }
  | { op: "not"; child: LogFilterNode }
  | { op: "compare"; field: string; cmp: LogOp; value: string };

export const severityRank: Record<string, number> = {
  DEFAULT: 0,
  DEBUG: 100,
  INFO: 200,
  NOTICE: 300,
  WARNING: 400,
  ERROR: 500,
  CRITICAL: 600,
  ALERT: 700,
  EMERGENCY: 800,
};

class Unparseable extends Error {}

class Parser {
  private i = 0;
  constructor(private readonly text: string) {}

  parse(): LogFilterNode {
    const node = this.or();
    this.space();
    if (this.i < this.text.length)
      throw new Unparseable(`unexpected "${this.text.slice(this.i, this.i + 10)}" at column ${this.i + 1}`);
    return node;
  }

  private space(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i] ?? "")) this.i++;
  }

  private keyword(word: string): boolean {
    this.space();
    const rest = this.text.slice(this.i);
    if (rest.startsWith(word) && !/[A-Za-z0-9_.]/.test(rest[word.length] ?? "")) {
      this.i += word.length;
      return true;
    }
    return false;
  }

  private or(): LogFilterNode {
    const children = [this.and()];
    while (this.keyword("OR")) children.push(this.and());
    return children.length === 1 && children[0] ? children[0] : { op: "or", children };
  }

  private and(): LogFilterNode {
    const children = [this.not()];
    for (;;) {
      if (this.keyword("AND")) {
        children.push(this.not());
        continue;
      }
      this.space();
      const c = this.text[this.i];
      // Juxtaposition is an implicit AND, unless the next word is OR or a closing parenthesis.
      if (c === undefined || c === ")" || /^OR\b/.test(this.text.slice(this.i))) break;
      children.push(this.not());
    }
    return children.length === 1 && children[0] ? children[0] : { op: "and", children };
  }

  private not(): LogFilterNode {
    if (this.keyword("NOT")) return { op: "not", child: this.not() };
    this.space();
    if (this.text[this.i] === "-") {
      this.i++;
      return { op: "not", child: this.not() };
    }
    return this.primary();
  }

  private primary(): LogFilterNode {
    this.space();
    if (this.text[this.i] === "(") {
      this.i++;
      const node = this.or();
      this.space();
      if (this.text[this.i] !== ")") throw new Unparseable(`missing ")" at column ${this.i + 1}`);
      this.i++;
      return node;
    }
    const field = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(this.text.slice(this.i))?.[0];
    if (!field) throw new Unparseable(`expected a field name at column ${this.i + 1}`);
    this.i += field.length;
    this.space();
    const cmp = /^(>=|<=|!=|=|:|>|<)/.exec(this.text.slice(this.i))?.[0] as LogOp | undefined;
    if (!cmp) throw new Unparseable(`expected a comparison operator after ${field} at column ${this.i + 1}`);
    this.i += cmp.length;
    return { op: "compare", field, cmp, value: this.value() };
  }

  private value(): string {
    this.space();
    const q = this.text[this.i];
    if (q === '"') {
      let j = this.i + 1;
      let out = "";
      while (j < this.text.length && this.text[j] !== '"') {
        if (this.text[j] === "\\" && j + 1 < this.text.length) j++;
        out += this.text[j];
        j++;
      }
      if (j >= this.text.length) throw new Unparseable(`unterminated string at column ${this.i + 1}`);
      this.i = j + 1;
      return out;
    }
    const bare = /^[^\s()"]+/.exec(this.text.slice(this.i))?.[0];
    if (!bare) throw new Unparseable(`expected a value at column ${this.i + 1}`);
    this.i += bare.length;
    return bare;
  }
}

export function parseLogFilter(text: string): LogFilterNode | null {
  if (!text.trim()) return null;
  try {
    return new Parser(text).parse();
  } catch (err) {
    if (err instanceof Unparseable) throw invalidArgument(`Unparseable filter: ${err.message}`);
    throw err;
  }
}

export interface LogFields {
  get(field: string): string | undefined;
  severity: string;
  timestampMs: number;
}

function compareOrdered(a: number, b: number, cmp: LogOp): boolean {
  switch (cmp) {
    case "=":
    case ":":
      return a === b;
    case "!=":
      return a !== b;
    case ">=":
      return a >= b;
    case "<=":
      return a <= b;
    case ">":
      return a > b;
    case "<":
      return a < b;
  }
}

function timeValue(value: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw invalidArgument(
      `Unparseable filter: "${value}" is not a timestamp (use RFC 3339, e.g. 2025-01-01T00:00:00Z)`,
    );
  return ms;
}

function matchesCompare(node: Extract<LogFilterNode, { op: "compare" }>, entry: LogFields): boolean {
  if (node.field === "severity") {
    const wanted = severityRank[node.value.toUpperCase()] ?? Number(node.value);
    if (Number.isNaN(wanted)) throw invalidArgument(`Unparseable filter: unknown severity "${node.value}"`);
    return compareOrdered(severityRank[entry.severity] ?? 0, wanted, node.cmp);
  }
  if (node.field === "timestamp") return compareOrdered(entry.timestampMs, timeValue(node.value), node.cmp);
  const actual = entry.get(node.field);
  if (actual === undefined) return node.cmp === "!=";
  switch (node.cmp) {
    case "=":
      return actual === node.value;
    case "!=":
      return actual !== node.value;
    case ":":
      return actual.toLowerCase().includes(node.value.toLowerCase());
    default:
      return compareOrdered(actual < node.value ? -1 : actual > node.value ? 1 : 0, 0, node.cmp);
  }
}

export function matchesLogFilter(node: LogFilterNode | null, entry: LogFields): boolean {
  if (!node) return true;
  switch (node.op) {
    case "and":
      return node.children.every((c) => matchesLogFilter(c, entry));
    case "or":
      return node.children.some((c) => matchesLogFilter(c, entry));
    case "not":
      return !matchesLogFilter(node.child, entry);
    case "compare":
      return matchesCompare(node, entry);
  }
}

/** Tightest [from, to] (ms) implied by top-level timestamp conditions, to bound the scan. */
export function timestampBounds(node: LogFilterNode | null): { from: number; to: number } {
  let from = -Infinity;
  let to = Infinity;
  const conjuncts = !node ? [] : node.op === "and" ? node.children : [node];
  for (const c of conjuncts) {
    if (c.op !== "compare" || c.field !== "timestamp") continue;
    const t = timeValue(c.value);
    if (c.cmp === ">=" || c.cmp === ">" || c.cmp === "=") from = Math.max(from, t);
    if (c.cmp === "<=" || c.cmp === "<" || c.cmp === "=") to = Math.min(to, t);
  }
  return { from, to };
}
