import { describe, expect, it } from "vitest";
import { alignInterval, alignmentPeriodSeconds, cacheTtlMs, MAX_POINTS } from "./alignment";

const H = 3_600_000;
const D = 24 * H;

describe("alignmentPeriodSeconds", () => {
  it.each([
    [5 * 60_000, 60],
    [H, 60],
    [5 * H, 60], // exactly 300 points at 60 s
    [6 * H, 120],
    [24 * H, 300],
    [7 * D, 3600],
    [30 * D, 10_800],
    [400 * D, 2 * 86_400],
  ])("span %d ms → %d s", (span, expected) => {
    const period = alignmentPeriodSeconds(span);
    expect(period).toBe(expected);
    expect(period).toBeGreaterThanOrEqual(60);
    expect(Math.ceil(span / (period * 1000))).toBeLessThanOrEqual(MAX_POINTS);
  });
});

describe("alignInterval", () => {
  it("floors the end to a period boundary so viewers within one period share the interval", () => {
    const to = Date.UTC(2025, 0, 1, 12, 0, 59, 999);
    const a = alignInterval(to - H, to);
    const b = alignInterval(to - 59_000 - H, to - 59_000);
    expect(a).toEqual({
      startMs: Date.UTC(2025, 0, 1, 11, 0, 0),
      endMs: Date.UTC(2025, 0, 1, 12, 0, 0),
      periodSeconds: 60,
    });
    expect(b).toEqual(a);
  });

  it("covers the whole span in whole periods", () => {
    const to = Date.UTC(2025, 0, 1, 12, 7, 0);
    const { startMs, endMs, periodSeconds } = alignInterval(to - 24 * H, to);
    expect(periodSeconds).toBe(300);
    expect(endMs).toBe(Date.UTC(2025, 0, 1, 12, 5, 0));
    expect((endMs - startMs) / 300_000).toBe(288);
  });
});

describe("cacheTtlMs", () => {
  it.each([
    [60, 60_000],
    [120, 120_000],
    [300, 300_000],
    [3600, 300_000],
    [10, 30_000],
  ])("period %d s → ttl %d ms", (period, ttl) => expect(cacheTtlMs(period)).toBe(ttl));
});
