import type { CompareOp } from "./types";

export type Unit = "ms" | "s" | "m" | "h" | "d" | "%";

export type Token =
  | { kind: "number"; value: number; unit: Unit | null; text: string; column: number }
  | { kind: "string"; value: string; text: string; column: number }
  | { kind: "ident"; name: string; text: string; column: number }
  | { kind: "punct"; text: "(" | ")" | ","; column: number }
  | { kind: "op"; op: CompareOp; text: string; column: number }
  | { kind: "end"; text: ""; column: number };

/** Thrown inside the parser only; parseCriterion turns it into a ParseError value. */
export class CriteriaSyntaxError extends Error {
  constructor(
    readonly column: number,
    readonly expected: string,
    readonly got: string,
  ) {
    super(`at column ${column}: expected ${expected}, got ${got}`);
    this.name = "CriteriaSyntaxError";
  }
}

/** How a token is named in an error: quoted as written, or "end of input". */
export function describeToken(t: Token): string {
  return t.kind === "end" ? "end of input" : JSON.stringify(t.text);
}

const UNITS: readonly string[] = ["ms", "s", "m", "h", "d", "%"];
const OPS: readonly CompareOp[] = [">=", "<=", "==", "!=", ">", "<"];
const NUMBER = /^(\d+(?:\.\d+)?)([A-Za-z%]*)/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;

function isUnit(s: string): s is Unit {
  return UNITS.includes(s);
}

function readString(src: string, start: number): Token {
  let value = "";
  let i = start + 1;
  while (i < src.length) {
    const c = src[i];
    if (c === '"') return { kind: "string", value, text: src.slice(start, i + 1), column: start + 1 };
    if (c === "\\") {
      const next = src[i + 1];
      if (next !== '"' && next !== "\\") {
        throw new CriteriaSyntaxError(i + 1, 'an escape \\" or \\\\', JSON.stringify(src.slice(i, i + 2)));
      }
      value += next;
      i += 2;
      continue;
    }
    value += c;
    i += 1;
  }
  throw new CriteriaSyntaxError(start + 1, 'a closing " for the text that starts here', "end of input");
}

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const rest = src.slice(i);
    const c = rest.charAt(0);
    const column = i + 1;
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    if (c === "(" || c === ")" || c === ",") {
      tokens.push({ kind: "punct", text: c, column });
      i += 1;
      continue;
    }
    if (c === '"') {
      const t = readString(src, i);
      tokens.push(t);
      i += t.text.length;
      continue;
    }
    const op = OPS.find((o) => rest.startsWith(o));
    if (op) {
      tokens.push({ kind: "op", op, text: op, column });
      i += op.length;
      continue;
    }
    if (c === "=" || c === "!")
      throw new CriteriaSyntaxError(column, `${c}= (a comparison)`, JSON.stringify(rest.slice(0, 2)));
    const num = NUMBER.exec(rest);
    if (num) {
      const [text, digits = "", unit = ""] = num;
      if (unit !== "" && !isUnit(unit)) {
        throw new CriteriaSyntaxError(column, "a unit ms, s, m, h, d or % after the number", JSON.stringify(text));
      }
      tokens.push({ kind: "number", value: Number(digits), unit: unit === "" ? null : unit, text, column });
      i += text.length;
      continue;
    }
    const ident = IDENT.exec(rest);
    if (ident) {
      tokens.push({ kind: "ident", name: ident[0], text: ident[0], column });
      i += ident[0].length;
      continue;
    }
    throw new CriteriaSyntaxError(
      column,
      'a function name, number, "text", comparison or parenthesis',
      JSON.stringify(c),
    );
  }
  tokens.push({ kind: "end", text: "", column: src.length + 1 });
  return tokens;
}
