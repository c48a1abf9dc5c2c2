import { parseLiteral, type Condition, type Literal, type Operand, type PathSegment } from "./parse";
import { placeholderSpec } from "./placeholders";

/** Characters that would end or change a bare literal (a comparison, a call, an argument list). */
const NOT_BARE = /["'(),=<>!]|^\[|^\s|\s$/;

/** A literal as source: bare when it reads back the same, else quoted. */
function literalText(l: Literal): string {
  const back = parseLiteral(l.text);
  if (l.text && !NOT_BARE.test(l.text) && back.text === l.text && back.number === l.number) return l.text;
  return l.text.includes('"') ? `'${l.text}'` : JSON.stringify(l.text);
}

function pathText(path: readonly PathSegment[], header: boolean): string {
  if (header) return `.${String(path[0] ?? "")}`;
  return path.map((s) => (typeof s === "number" ? `[${s}]` : `.${s}`)).join("");
}

function operandText(o: Operand): string {
  switch (o.kind) {
    case "literal":
      return literalText(o.literal);
    case "pattern":
      return `pat(${o.glob})`;
    case "any":
      return `any(${o.options.map(literalText).join(", ")})`;
    case "placeholder": {
      const text = `[${o.placeholder}]${pathText(o.path, placeholderSpec(o.placeholder).fields === "header")}`;
      return o.fn ? `${o.fn}(${text})` : text;
    }
  }
}

/** Prints a parsed condition back as source, from the AST: parsing the result gives the same AST. */
export function formatCondition(c: Condition): string {
  return `${operandText(c.left)} ${c.op} ${operandText(c.right)}`;
}
