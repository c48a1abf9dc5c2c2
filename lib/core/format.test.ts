import { describe, expect, it } from "vitest";
import {
  formatAge,
  formatBitsPerSecond,
  formatClock,
  formatCount,
  formatDurationWords,
  formatMs,
  formatMultiplier,
  formatPercent,
  formatSeconds,
  formatTarget,
  formatTimeTick,
  timeSpanMs,
} from "./format";

describe("format", () => {
  it.each([
    [formatPercent(0.954), "95.4%"],
    [formatPercent(0.9496), "94.9%"],
    [formatPercent(0.99999), "99.9%"],
    [formatPercent(0.95), "95.0%"],
    [formatPercent(0.29), "29.0%"],
    [formatPercent(0.57), "57.0%"],
    [formatPercent(1), "100.0%"],
    [formatPercent(0), "0.0%"],
    [formatPercent(0.016999), "1.6%"],
    [formatPercent(0.9496, 0), "94%"],
    [formatPercent(null), "—"],
    [formatPercent(Number.NaN), "—"],
    [formatBitsPerSecond(950), "950 bit/s"],
    [formatBitsPerSecond(12_345_678), "12.3 Mbit/s"],
    [formatBitsPerSecond(3_200_000_000), "3.2 Gbit/s"],
    [formatMs(42.4), "42 ms"],
    [formatMs(8_000), "8 s"],
    [formatMs(75_000), "1 min 15 s"],
    [formatAge(59), "59 s"],
    [formatAge(125), "2 min"],
    [formatAge(3 * 3600 + 300), "3 h 5 min"],
    [formatAge(3 * 86_400), "3 d"],
    [formatAge(null), "—"],
    [formatClock("2026-11-28T17:45:09.000Z"), "17:45 UTC"],
    [formatClock("nonsense"), "—"],
    [formatCount(1234.4), "1,234"],
  ])("%s = %s", (actual, expected) => {
    expect(actual).toBe(expected);
  });
});

describe("durations: one rule", () => {
  it.each([
    [183.4, "183 ms"],
    [850, "850 ms"],
    [999.6, "1 s"],
    [1_200, "1.2 s"],
    [1_500, "1.5 s"],
    [2_000, "2 s"],
    [8_000, "8 s"],
    [9_960, "10 s"],
    [31_000, "31 s"],
    [59_600, "1 min"],
    [120_000, "2 min"],
    [125_000, "2 min 5 s"],
    [(3 * 3600 + 5 * 60 + 40) * 1000, "3 h 5 min"],
    [36 * 3_600_000, "36 h"],
    [72 * 3_600_000, "3 d"],
    [(2 * 86_400 + 3 * 3600) * 1000, "2 d 3 h"],
    [-1_500, "-1.5 s"],
    [null, "—"],
    [Number.POSITIVE_INFINITY, "—"],
  ])("formatMs(%s) = %s", (ms, text) => expect(formatMs(ms)).toBe(text));

  it.each([
    [0, "0 s"],
    [0.2, "0 s"],
    [45, "45 s"],
    [90, "1 min 30 s"],
    [1800, "30 min"],
    [3600, "1 h"],
    [5400, "1 h 30 min"],
    [86_400, "24 h"],
    [172_800, "2 d"],
    [183_600, "2 d 3 h"],
    [null, "—"],
  ])("formatSeconds(%s) = %s", (s, text) => expect(formatSeconds(s)).toBe(text));

  it("an age is the same rule in whole minutes past a minute", () => {
    expect(formatAge(0)).toBe("0 s");
    expect(formatAge(-4)).toBe("0 s");
    expect(formatAge(90)).toBe("1 min");
    expect(formatAge(3 * 86_400 + 5 * 3600 + 59)).toBe("3 d 5 h");
    expect(formatAge(20 * 60 + 30)).toBe(formatSeconds(20 * 60));
  });

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
  ])("formatDurationWords(%s) = %s", (s, text) => expect(formatDurationWords(s)).toBe(text));

  it("can drop the 1 for 'in the last hour'", () => {
    expect(formatDurationWords(3600, { bareUnit: true })).toBe("hour");
    expect(formatDurationWords(7200, { bareUnit: true })).toBe("2 hours");
  });
});

describe("percent, target and multiplier", () => {
  it.each([
    [0.973, "97.3%"],
    [0.95, "95.0%"],
    [0.9496, "94.9%"],
    [1, "100.0%"],
    [0.12345, "12.3%"],
  ])("a measured ratio %s = %s", (r, text) => expect(formatPercent(r)).toBe(text));

  it.each([
    [0.95, "95%"],
    [0.995, "99.5%"],
    [1, "100%"],
    [null, "—"],
  ])("a configured target %s = %s", (r, text) => expect(formatTarget(r)).toBe(text));

  it.each([
    [null, "—"],
    [0, "0.00×"],
    [1, "1.00×"],
    [1.234, "1.23×"],
    [14.4, "14.4×"],
    [20, "20.0×"],
  ])("multiplier %s → %s", (v, text) => expect(formatMultiplier(v)).toBe(text));
});

describe("formatTimeTick: every time axis longer than a day shows dates", () => {
  const t = "2026-12-07T14:05:00.000Z";
  const HOUR = 3_600_000;
  it.each<[string, number, string]>([
    ["an hour", HOUR, "14:05"],
    ["exactly a day", 24 * HOUR, "14:05"],
    ["a day and a minute", 24 * HOUR + 60_000, "7 Dec 14:05"],
    ["three days", 72 * HOUR, "7 Dec 14:05"],
    ["seven days", 7 * 24 * HOUR, "7 Dec"],
    ["the SLO's 28 days", 28 * 24 * HOUR, "7 Dec"],
  ])("over %s", (_name, span, expected) => {
    expect(formatTimeTick(t, span)).toBe(expected);
  });

  it("reads epoch ms and dates alike, in UTC, and says — for nonsense", () => {
    expect(formatTimeTick(Date.parse("2026-01-31T23:30:00Z"), 30 * 24 * HOUR)).toBe("31 Jan");
    expect(formatTimeTick(new Date("2026-02-01T00:30:00Z"), 2 * 24 * HOUR)).toBe("1 Feb 00:30");
    expect(formatTimeTick("nonsense", HOUR)).toBe("—");
  });

  it("timeSpanMs spans the first to the last parsable time", () => {
    expect(timeSpanMs(["2026-12-01T00:00:00Z", "bad", "2026-12-29T00:00:00Z"])).toBe(28 * 24 * HOUR);
    expect(timeSpanMs([5, 1, 3])).toBe(4);
    expect(timeSpanMs(["2026-12-01T00:00:00Z"])).toBe(0);
    expect(timeSpanMs([])).toBe(0);
  });
});
