import { describe, expect, it } from "vitest";
import { formatMilliseconds, formatRatio, formatSeconds, humanSeconds, parseDurationText } from "./format";

describe("format", () => {
  it.each([
    [0, "0s"],
    [45, "45s"],
    [90, "1m 30s"],
    [1800, "30m"],
    [3600, "1h"],
    [5400, "1h 30m"],
    [86_400, "24h"],
    [172_800, "2d"],
    [183_600, "2d 3h"],
  ])("formatSeconds(%s) = %s", (s, text) => expect(formatSeconds(s)).toBe(text));

  it.each([
    [1, "1 second"],
    [40, "40 seconds"],
    [900, "15 minutes"],
    [1800, "30 minutes"],
    [3600, "1 hour"],
    [5400, "90 minutes"],
    [10_800, "3 hours"],
    [86_400, "24 hours"],
    [259_200, "3 days"],
  ])("humanSeconds(%s) = %s", (s, text) => expect(humanSeconds(s)).toBe(text));

  it("can drop the 1 for 'in the last hour'", () => {
    expect(humanSeconds(3600, { bareUnit: true })).toBe("hour");
    expect(humanSeconds(7200, { bareUnit: true })).toBe("2 hours");
  });

  it.each([
    [0.973, "97.3%"],
    [0.95, "95.0%"],
    [0.9496, "94.9%"],
    [1, "100.0%"],
    [0.12345, "12.3%"],
  ])("formatRatio(%s) = %s", (r, text) => expect(formatRatio(r)).toBe(text));

  it.each([
    [183.4, "183 ms"],
    [1_200, "1.2 s"],
    [2_000, "2 s"],
    [31_000, "31 s"],
  ])("formatMilliseconds(%s) = %s", (ms, text) => expect(formatMilliseconds(ms)).toBe(text));

  it.each([
    ["30m", 1_800_000],
    ["200ms", 200],
    ["1d", 86_400_000],
    ["30 minutes", null],
    ["", null],
  ])("parseDurationText(%j) = %s", (text, ms) => expect(parseDurationText(text)).toBe(ms));
});
