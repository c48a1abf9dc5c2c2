import { isDurationUnit, type DurationUnit } from "./durations";

/**
 * The one tokenizer of the expression language, shared by both environments (criteria and
 * probe conditions). A Scanner reads tokens on demand so that the probe environment can take
 * Gatus's free-text literals (`[BODY].name == john doe`, `pat(*all ok*)`) as raw text, while
 * the criteria environment, which has no free text, reads every token up front so that a
 * lexical error anywhere is reported first.
 */

export type CompareOp = ">" | ">=" | "<" | "<=" | "==" | "!=";
export type Unit = DurationUnit | "%";

export interface Position {
  /** 0-based offset in the source. */
  offset: number;
  /** 1-based line and column, for errors. */
  line: number;
  column: number;
}

export type Token = Position &
  (
    | { kind: "number"; value: number; unit: Unit | null; text: string }
    | { kind: "string"; value: string; text: string }
    | { kind: "ident"; name: string; text: string }
    /** `[NAME]` and what follows it up to a space, operator, comma or parenthesis (`.items[0].id`). */
    | { kind: "placeholder"; name: string; path: string; text: string }
    | { kind: "punct"; text: "(" | ")" | "," }
    | { kind: "op"; op: CompareOp; text: string }
    | { kind: "end"; text: "" }
  );

/**
 * Thrown inside the tokenizer and parser only; the environments turn it into an error value.
 * `detail` replaces "expected …, got …" when the problem is not one token (a probe condition
 * with no placeholder at all, say).
 */
export class ExprSyntaxError extends Error {
  constructor(
    readonly at: Position,
    readonly expected: string,
    readonly got: string,
    readonly detail?: string,
  ) {
    super(`${where(at)}: ${detail ?? `expected ${expected}, got ${got}`}`);
    this.name = "ExprSyntaxError";
  }
}

/** "at column 27", or "at line 2, column 3" in an expression written over several lines. */
export function where(p: Pick<Position, "line" | "column">): string {
  return p.line === 1 ? `at column ${p.column}` : `at line ${p.line}, column ${p.column}`;
}

/** How a token is named in an error: quoted as written, or "end of input". */
export function describeToken(t: Token): string {
  return t.kind === "end" ? "end of input" : JSON.stringify(t.text);
}

export const OPS: readonly CompareOp[] = [">=", "<=", "==", "!=", ">", "<"];
const NUMBER = /(\d+(?:\.\d+)?)([A-Za-z%]*)/y;
const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const PLACEHOLDER = /\[([A-Za-z_]+)\]/y;
/** A placeholder's path ends at a space, quote, parenthesis, comma or comparison. */
const PATH = /(?:[^\s()",=<>!]|!(?!=))*/y;

function isUnit(s: string): s is Unit {
  return s === "%" || isDurationUnit(s);
}

function sticky(re: RegExp, src: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(src);
}

export class Scanner {
  private pos = 0;
  private readonly tokens: Token[] | null;
  private index = 0;

  /** `eager`: read every token now (a language without free text), so lexical errors come first. */
  constructor(
    readonly src: string,
    eager: boolean,
  ) {
    if (!eager) {
      this.tokens = null;
      return;
    }
    const tokens: Token[] = [];
    for (;;) {
      const t = this.lex(this.skipSpace(this.pos));
      tokens.push(t);
      if (t.kind === "end") break;
      this.pos = t.offset + t.text.length;
    }
    this.tokens = tokens;
  }

  position(offset: number): Position {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset && i < this.src.length; i++) {
      if (this.src[i] === "\n") {
        line += 1;
        lineStart = i + 1;
      }
    }
    return { offset, line, column: offset - lineStart + 1 };
  }

  peek(): Token {
    if (this.tokens) {
      const t = this.tokens[this.index] ?? this.tokens[this.tokens.length - 1];
      if (!t) throw new Error("expr: the tokenizer returned no tokens");
      return t;
    }
    return this.lex(this.skipSpace(this.pos));
  }

  next(): Token {
    const t = this.peek();
    if (this.tokens) {
      if (t.kind !== "end") this.index += 1;
    } else this.pos = t.offset + t.text.length;
    return t;
  }

  /** Where the next token starts (after spaces). */
  peekPosition(): Position {
    return this.tokens ? this.peek() : this.position(this.skipSpace(this.pos));
  }

  /** The first match of a sticky `re` at the next non-space character (on-demand scanning only). */
  lookingAt(re: RegExp): RegExpExecArray | null {
    this.requireLazy();
    return sticky(re, this.src, this.skipSpace(this.pos));
  }

  /**
   * Free text from the next non-space character up to (not including) a character outside
   * quotes and parentheses for which `stop` holds, or the end. Returns the text as written,
   * trimmed, and where it starts.
   */
  raw(stop: (src: string, i: number) => boolean): { text: string; at: Position } {
    this.requireLazy();
    const start = this.skipSpace(this.pos);
    let depth = 0;
    let quote: string | null = null;
    let i = start;
    for (; i < this.src.length; i++) {
      const c = this.src.charAt(i);
      if (quote) {
        if (c === quote) quote = null;
        continue;
      }
      if (c === '"' || c === "'") quote = c;
      else if (c === "(") depth++;
      else if (c === ")" && depth > 0) depth--;
      else if (depth === 0 && stop(this.src, i)) break;
    }
    this.pos = i;
    return { text: this.src.slice(start, i).trim(), at: this.position(start) };
  }

  private requireLazy(): void {
    if (this.tokens) throw new Error("expr: raw text is read only by an on-demand scanner");
  }

  private skipSpace(at: number): number {
    let i = at;
    while (i < this.src.length && /\s/.test(this.src.charAt(i))) i += 1;
    return i;
  }

  private fail(offset: number, expected: string, got: string): never {
    throw new ExprSyntaxError(this.position(offset), expected, got);
  }

  private readString(start: number): Token {
    let value = "";
    let i = start + 1;
    const src = this.src;
    while (i < src.length) {
      const c = src[i];
      if (c === '"') return { kind: "string", value, text: src.slice(start, i + 1), ...this.position(start) };
      if (c === "\\") {
        const next = src[i + 1];
        if (next !== '"' && next !== "\\") this.fail(i, 'an escape \\" or \\\\', JSON.stringify(src.slice(i, i + 2)));
        value += next;
        i += 2;
        continue;
      }
      value += c;
      i += 1;
    }
    return this.fail(start, 'a closing " for the text that starts here', "end of input");
  }

  private lex(at: number): Token {
    const src = this.src;
    if (at >= src.length) return { kind: "end", text: "", ...this.position(src.length) };
    const c = src.charAt(at);
    if (c === "(" || c === ")" || c === ",") return { kind: "punct", text: c, ...this.position(at) };
    if (c === '"') return this.readString(at);
    const op = OPS.find((o) => src.startsWith(o, at));
    if (op) return { kind: "op", op, text: op, ...this.position(at) };
    if (c === "=" || c === "!") this.fail(at, `${c}= (a comparison)`, JSON.stringify(src.slice(at, at + 2)));
    const num = sticky(NUMBER, src, at);
    if (num) {
      const [text, digits = "", unit = ""] = num;
      if (unit !== "" && !isUnit(unit))
        this.fail(at, "a unit ms, s, m, h, d or % after the number", JSON.stringify(text));
      return { kind: "number", value: Number(digits), unit: unit === "" ? null : unit, text, ...this.position(at) };
    }
    const ident = sticky(IDENT, src, at);
    if (ident) return { kind: "ident", name: ident[0], text: ident[0], ...this.position(at) };
    const ph = sticky(PLACEHOLDER, src, at);
    if (ph) {
      const path = sticky(PATH, src, at + ph[0].length)?.[0] ?? "";
      return { kind: "placeholder", name: ph[1] ?? "", path, text: ph[0] + path, ...this.position(at) };
    }
    return this.fail(at, 'a function name, number, "text", comparison or parenthesis', JSON.stringify(c));
  }
}
