import { invalidField } from "./grpc-errors";

/**
 * Cloud Monitoring filters (https://cloud.google.com/monitoring/api/v3/filters):
 *   selector op value, joined by AND / OR / NOT and parentheses, where selector is metric.type,
 *   resource.type, metric.labels.KEY or resource.labels.KEY ("label" is accepted for "labels"),
 *   op is = or !=, and value is a string, number or boolean literal or one of
 *   starts_with(), ends_with(), has_substring(), one_of().
 */

export type Matcher =
  | { kind: "equals"; value: string }
  | { kind: "starts_with" | "ends_with" | "has_substring"; value: string }
  | { kind: "one_of"; values: string[] };

export type FilterNode =
  | { op: "and" | "or"; children: FilterNode[] }
  | { op: "not"; child: FilterNode }
  | { op: "compare"; selector: string; negated: boolean; matcher: Matcher };

type Token =
  | { t: "ident"; v: string; at: number }
  | { t: "string"; v: string; at: number }
  | { t: "number"; v: string; at: number }
  | { t: "sym"; v: "(" | ")" | "=" | "!=" | "," | ":"; at: number };

class FilterSyntaxError extends Error {}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? "";
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let value = "";
      while (j < text.length && text[j] !== c) {
        if (text[j] === "\\" && j + 1 < text.length) j++;
        value += text[j];
        j++;
      }
      if (j >= text.length) throw new FilterSyntaxError(`unterminated string starting at position ${i}`);
      tokens.push({ t: "string", v: value, at: i });
      i = j + 1;
    } else if (c === "!" && text[i + 1] === "=") {
      tokens.push({ t: "sym", v: "!=", at: i });
      i += 2;
    } else if (c === "(" || c === ")" || c === "=" || c === "," || c === ":") {
      tokens.push({ t: "sym", v: c, at: i });
      i++;
    } else if (/[-0-9]/.test(c)) {
      const m = /^-?\d+(\.\d+)?/.exec(text.slice(i));
      if (!m) throw new FilterSyntaxError(`unexpected character "${c}" at position ${i}`);
      tokens.push({ t: "number", v: m[0], at: i });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_./-]*/.exec(text.slice(i));
      const word = m?.[0] ?? c;
      tokens.push({ t: "ident", v: word, at: i });
      i += word.length;
    } else {
      throw new FilterSyntaxError(`unexpected character "${c}" at position ${i}`);
    }
  }
  return tokens;
}

const functions = new Set(["starts_with", "ends_with", "has_substring", "one_of"]);

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): FilterNode {
    const node = this.or();
    const extra = this.tokens[this.pos];
    if (extra)
      throw new FilterSyntaxError(
        `unexpected "${extra.v}" at position ${extra.at}; expected AND, OR or the end of the filter`,
      );
    return node;
  }

  private peekWord(word: string): boolean {
    const t = this.tokens[this.pos];
    return t?.t === "ident" && t.v === word;
  }

  private or(): FilterNode {
    const children = [this.and()];
    while (this.peekWord("OR")) {
      this.pos++;
      children.push(this.and());
    }
    return children.length === 1 && children[0] ? children[0] : { op: "or", children };
  }

  private and(): FilterNode {
    const children = [this.not()];
    while (this.peekWord("AND")) {
      this.pos++;
      children.push(this.not());
    }
    return children.length === 1 && children[0] ? children[0] : { op: "and", children };
  }

  private not(): FilterNode {
    if (this.peekWord("NOT")) {
      this.pos++;
      return { op: "not", child: this.not() };
    }
    return this.primary();
  }

  private expectSym(v: string): void {
    const t = this.tokens[this.pos];
    if (t?.t !== "sym" || t.v !== v)
      throw new FilterSyntaxError(
        t ? `expected "${v}" at position ${t.at}, found "${t.v}"` : `expected "${v}" at the end of the filter`,
      );
    this.pos++;
  }

  private primary(): FilterNode {
    const t = this.tokens[this.pos];
    if (!t) throw new FilterSyntaxError("unexpected end of the filter; expected a comparison");
    if (t.t === "sym" && t.v === "(") {
      this.pos++;
      const node = this.or();
      this.expectSym(")");
      return node;
    }
    if (t.t !== "ident")
      throw new FilterSyntaxError(`expected a selector such as metric.type at position ${t.at}, found "${t.v}"`);
    this.pos++;
    const selector = normaliseSelector(t.v, t.at);
    const op = this.tokens[this.pos];
    if (op?.t !== "sym" || (op.v !== "=" && op.v !== "!=")) {
      throw new FilterSyntaxError(
        op ? `expected = or != after ${t.v} at position ${op.at}` : `expected = or != after ${t.v}`,
      );
    }
    this.pos++;
    return { op: "compare", selector, negated: op.v === "!=", matcher: this.value() };
  }

  private literal(): string {
    const t = this.tokens[this.pos];
    if (!t) throw new FilterSyntaxError("unexpected end of the filter; expected a value");
    if (t.t === "string" || t.t === "number" || (t.t === "ident" && (t.v === "true" || t.v === "false"))) {
      this.pos++;
      return t.v;
    }
    throw new FilterSyntaxError(`expected a quoted value at position ${t.at}, found "${t.v}"`);
  }

  private value(): Matcher {
    const t = this.tokens[this.pos];
    if (t?.t === "ident" && t.v !== "true" && t.v !== "false") {
      if (!functions.has(t.v)) throw new FilterSyntaxError(`unknown function "${t.v}" at position ${t.at}`);
      this.pos++;
      this.expectSym("(");
      const args = [this.literal()];
      while (this.tokens[this.pos]?.v === ",") {
        this.pos++;
        args.push(this.literal());
      }
      this.expectSym(")");
      if (t.v === "one_of") return { kind: "one_of", values: args };
      if (args.length !== 1) throw new FilterSyntaxError(`${t.v}() takes exactly one argument`);
      return { kind: t.v as "starts_with" | "ends_with" | "has_substring", value: args[0] ?? "" };
    }
    return { kind: "equals", value: this.literal() };
  }
}

function normaliseSelector(raw: string, at: number): string {
  if (raw === "metric.type" || raw === "resource.type" || raw === "project") return raw;
  const m = /^(metric|resource)\.labels?\.([A-Za-z0-9_/-]+)$/.exec(raw);
  if (m) return `${m[1]}.labels.${m[2]}`;
  throw new FilterSyntaxError(
    `unsupported selector "${raw}" at position ${at}; use metric.type, resource.type, metric.labels.KEY or resource.labels.KEY`,
  );
}

/** Parses a filter or throws INVALID_ARGUMENT naming `field`. */
export function parseMonitoringFilter(text: string, field = "filter"): FilterNode | null {
  if (!text.trim()) return null;
  try {
    return new Parser(tokenize(text)).parse();
  } catch (err) {
    if (err instanceof FilterSyntaxError) throw invalidField(field, text, `${err.message}.`);
    throw err;
  }
}

/**
 * The single metric type a ListTimeSeries filter selects: it must appear exactly once, as a
 * top-level `metric.type = "…"` conjunct (not under OR or NOT, not as a function).
 */
export function singleMetricType(node: FilterNode | null, text: string): string {
  const reason =
    'The filter must specify exactly one metric type, as metric.type = "TYPE" joined to the rest with AND.';
  if (!node) throw invalidField("filter", text, reason);
  const conjuncts = node.op === "and" ? node.children : [node];
  const direct = conjuncts.filter((c) => c.op === "compare" && c.selector === "metric.type");
  const total = countSelector(node, "metric.type");
  const only = direct[0];
  if (direct.length !== 1 || total !== 1 || only?.op !== "compare" || only.negated || only.matcher.kind !== "equals")
    throw invalidField("filter", text, reason);
  return only.matcher.value;
}

function countSelector(node: FilterNode, selector: string): number {
  if (node.op === "compare") return node.selector === selector ? 1 : 0;
  if (node.op === "not") return countSelector(node.child, selector);
  return node.children.reduce((n, c) => n + countSelector(c, selector), 0);
}

/** Resolves a selector to a value for the thing being filtered (undefined = absent). */
export type Resolver = (selector: string) => string | undefined;

function matches(matcher: Matcher, value: string | undefined): boolean {
  if (value === undefined) return false;
  switch (matcher.kind) {
    case "equals":
      return value === matcher.value;
    case "starts_with":
      return value.startsWith(matcher.value);
    case "ends_with":
      return value.endsWith(matcher.value);
    case "has_substring":
      return value.includes(matcher.value);
    case "one_of":
      return matcher.values.includes(value);
  }
}

export function evaluate(node: FilterNode | null, resolve: Resolver): boolean {
  if (!node) return true;
  switch (node.op) {
    case "and":
      return node.children.every((c) => evaluate(c, resolve));
    case "or":
      return node.children.some((c) => evaluate(c, resolve));
    case "not":
      return !evaluate(node.child, resolve);
    case "compare": {
      const hit = matches(node.matcher, resolve(node.selector));
      return node.negated ? !hit : hit;
    }
  }
}
