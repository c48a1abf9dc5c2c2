import { describe, expect, it } from "vitest";
import { formatAge, formatBitsPerSecond, formatClock, formatCount, formatMs, formatPercent } from "./format";

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
    [formatMs(8_000), "8.00 s"],
    [formatMs(75_000), "75.0 s"],
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
