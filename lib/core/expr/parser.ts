import { ExprSyntaxError, Scanner, describeToken, type Position, type Token } from "./tokenizer";

/**
 * The one parser of the expression language. Its grammar is shared:
 *   expr       := conj ("or" conj)*
 *   conj       := primary ("and" primary)*
 *   primary    := "(" expr ")" | comparison
 * `and` binds tighter than `or`, as in SQL. An environment (criteria, probe conditions) says
 * what a comparison is: which names, functions, placeholders and operators it accepts, and
 * whether comparisons combine at all (parseExpression) or stand alone (parseComparison: a probe
 * condition is one comparison, and a probe's list of conditions is the `and`). Type checking happens while parsing, so every error points at the
 * token that is wrong, by line and column, and says what was expected there.
 */

export type BoolExpr<L> = L | { kind: "and" | "or"; left: BoolExpr<L>; right: BoolExpr<L> };

export interface ExprError {
  /** 1-based line and column in the expression. */
  line: number;
  column: number;
  expected: string;
  got: string;
  /** `at column 27: expected a duration such as 1h, got "banana"` */
  message: string;
}

export type Parsed<T> = { ok: true; ast: T } | { ok: false; error: ExprError };

/** What an environment's comparison parser reads with. */
export interface Cursor {
  readonly src: string;
  peek(): Token;
  next(): Token;
  lookingAt(re: RegExp): RegExpExecArray | null;
  raw(stop: (src: string, i: number) => boolean): { text: string; at: Position };
  position(offset: number): Position;
  peekPosition(): Position;
  /** Fails at `t`: "expected …, got <t as written>", or a whole sentence in `detail`. */
  fail(t: Token, expected: string): never;
  failAt(at: Position, detail: string): never;
  isWord(t: Token, word: string): boolean;
  expectPunct(text: "(" | ")" | ",", expected: string): Token;
}

export interface Environment<L> {
  /** Free-text literals need on-demand scanning; a language without them is read up front. */
  freeText: boolean;
  comparison(c: Cursor): L;
  /** What may follow a finished comparison, for "expected …" when something else does. */
  after: string;
}

class Parser<L> implements Cursor {
  private readonly scanner: Scanner;
  constructor(
    readonly src: string,
    private readonly env: Environment<L>,
  ) {
    this.scanner = new Scanner(src, !env.freeText);
  }

  peek = (): Token => this.scanner.peek();
  next = (): Token => this.scanner.next();
  lookingAt = (re: RegExp) => this.scanner.lookingAt(re);
  raw = (stop: (src: string, i: number) => boolean) => this.scanner.raw(stop);
  position = (offset: number) => this.scanner.position(offset);
  peekPosition = () => this.scanner.peekPosition();

  fail(t: Token, expected: string): never {
    throw new ExprSyntaxError(t, expected, describeToken(t));
  }

  failAt(at: Position, detail: string): never {
    throw new ExprSyntaxError(at, detail, "", detail);
  }

  isWord(t: Token, word: string): boolean {
    return t.kind === "ident" && t.name === word;
  }

  expectPunct(text: "(" | ")" | ",", expected: string): Token {
    const t = this.next();
    if (t.kind !== "punct" || t.text !== text) this.fail(t, expected);
    return t;
  }

  /** `body` and then the end of the input. */
  whole<T>(body: (p: this) => T): T {
    const e = body(this);
    const t = this.peek();
    if (t.kind !== "end")
      this.fail(t, t.kind === "punct" && t.text === ")" ? `${this.env.after} (this ")" has no "(")` : this.env.after);
    return e;
  }

  parseOr(): BoolExpr<L> {
    let left = this.parseAnd();
    while (this.isWord(this.peek(), "or")) {
      this.next();
      left = { kind: "or", left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): BoolExpr<L> {
    let left = this.parsePrimary();
    while (this.isWord(this.peek(), "and")) {
      this.next();
      left = { kind: "and", left, right: this.parsePrimary() };
    }
    return left;
  }

  private parsePrimary(): BoolExpr<L> {
    const t = this.peek();
    if (t.kind === "punct" && t.text === "(") {
      this.next();
      const inner = this.parseOr();
      const close = this.peek();
      if (close.kind !== "punct" || close.text !== ")") this.fail(close, 'and, or or ")"');
      this.next();
      return inner;
    }
    return this.env.comparison(this);
  }
}

function run<T>(parse: () => T): Parsed<T> {
  try {
    return { ok: true, ast: parse() };
  } catch (err) {
    if (!(err instanceof ExprSyntaxError)) throw err;
    const { line, column } = err.at;
    return { ok: false, error: { line, column, expected: err.expected, got: err.got, message: err.message } };
  }
}

/** Parses an expression of an environment that combines comparisons; never throws on bad input. */
export function parseExpression<L>(src: string, env: Environment<L>): Parsed<BoolExpr<L>> {
  return run(() => new Parser(src, env).whole((p) => p.parseOr()));
}

/** Parses one comparison, for an environment without and / or; never throws on bad input. */
export function parseComparison<L>(src: string, env: Environment<L>): Parsed<L> {
  return run(() => new Parser(src, env).whole((p) => env.comparison(p)));
}
