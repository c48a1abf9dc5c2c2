import { describe, expect, it } from "vitest";
import { mdCode, mdLine, mdText } from "./markdown";

describe("mdText", () => {
  it.each([
    ["Scale the connector", "Scale the connector"],
    ["a >95% rate, 2.1 s", "a >95% rate, 2.1 s"],
    ["x\n# Owned\n[click](https://evil.example)", "x # Owned \\[click\\](https:\\/\\/evil.example)"],
    ["# heading", "\\# heading"],
    ["> quote", "\\> quote"],
    ["- item", "\\- item"],
    ["1. item", "1\\. item"],
    ["<img src=x onerror=alert(1)>", "\\<img src=x onerror=alert(1)>"],
    ["![i](x)", "!\\[i\\](x)"],
    ["**bold** _em_ ~~s~~ `code`", "\\*\\*bold\\*\\* \\_em\\_ \\~\\~s\\~\\~ \\`code\\`"],
    ["a | b", "a \\| b"],
    ["&lt;script&gt;", "\\&lt;script\\&gt;"],
    ["see www.evil.example or me@evil.example", "see www\\.evil.example or me\\@evil.example"],
    ["back\\slash", "back\\\\slash"],
    ["line\r\nbreak\u2028sep", "line break sep"],
  ])("%j → %j", (input, expected) => {
    expect(mdLine(input)).toBe(expected);
  });

  it("inline text keeps a leading # or number (it does not start a block there)", () => {
    expect(mdText("#1278 (P0)")).toBe("#1278 (P0)");
    expect(mdLine("2.1%")).toBe("2.1%");
  });
});

describe("mdCode", () => {
  it.each([
    ["rate(all, 1h) > 0.95", "`rate(all, 1h) > 0.95`"],
    ["a`b", "``a`b``"],
    ["`x`", "`` `x` ``"],
    ["a|b\nc", "`a\\|b c`"],
  ])("%j → %j", (input, expected) => {
    expect(mdCode(input)).toBe(expected);
  });
});
