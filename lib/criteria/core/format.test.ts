import { describe, expect, it } from "vitest";
import { parseDurationText } from "./format";

// The number, duration and percent formats the criteria texts use are tested in lib/core/format.test.ts.
describe("format", () => {
  it.each([
    ["30m", 1_800_000],
    ["200ms", 200],
    ["1d", 86_400_000],
    ["30 minutes", null],
    ["", null],
  ])("parseDurationText(%j) = %s", (text, ms) => expect(parseDurationText(text)).toBe(ms));
});
