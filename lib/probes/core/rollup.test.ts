import { describe, expect, it } from "vitest";
import { GRAINS, samplesOf, windowRanges, type BucketRange } from "./rollup";
import type { ProbeResult } from "./types";

const T0 = Date.UTC(2025, 8, 17, 0, 0, 0);
const at = (h: number, m = 0) => T0 + h * GRAINS.h + m * GRAINS.m;

function covered(ranges: BucketRange[]): number {
  return ranges.reduce((s, r) => s + (r.to - r.from), 0);
}

describe("windowRanges", () => {
  it("covers a closed window exactly with the coarsest whole buckets", () => {
    const r = windowRanges(at(10, 37), at(24 * 3 + 5, 12), false);
    expect(r.map((x) => x.grain)).toEqual(["m", "h", "d", "h", "m"]);
    expect(r[0]).toEqual({ grain: "m", from: at(10, 37), to: at(11) });
    expect(r[2]).toEqual({ grain: "d", from: at(24), to: at(72) });
    expect(covered(r)).toBe(at(24 * 3 + 5, 12) - at(10, 37));
  });

  it("uses the current day whole when the window ends now", () => {
    const r = windowRanges(at(10, 37), at(24 * 30 + 5, 12), true);
    expect(r.map((x) => x.grain)).toEqual(["m", "h", "d"]);
    expect(r.at(-1)).toEqual({ grain: "d", from: at(24), to: at(24 * 31) });
    // 30 days for one probe: at most 23 minutes + 13 hours + 30 days of rows.
    expect(r.reduce((s, x) => s + (x.to - x.from) / GRAINS[x.grain], 0)).toBe(23 + 13 + 30);
  });

  it("rounds a start inside a minute down to that minute", () => {
    expect(windowRanges(at(1, 0) + 30_000, at(1, 2), false)).toEqual([{ grain: "m", from: at(1, 0), to: at(1, 2) }]);
  });
});

describe("samplesOf", () => {
  const base: ProbeResult = {
    probe: "p",
    type: "http",
    status: "up",
    checkedAt: "",
    durationMs: 40,
    failedPhase: null,
    errorClass: null,
    errorMessage: null,
    conditions: [],
    details: {},
    phases: [
      { phase: "connect", startMs: 0, durationMs: 2 },
      { phase: "first-byte", startMs: 2, durationMs: 30 },
      { phase: "total", startMs: 0, durationMs: 40 },
    ],
  };

  it("counts the status on total and every completed phase's time", () => {
    expect(samplesOf(base)).toEqual([
      { phase: "total", ms: 40, status: "up" },
      { phase: "connect", ms: 2, status: null },
      { phase: "first-byte", ms: 30, status: null },
    ]);
  });

  it("keeps a failed attempt's time out of the latency figures", () => {
    const failed: ProbeResult = { ...base, status: "down", failedPhase: "first-byte" };
    expect(samplesOf(failed)).toEqual([
      { phase: "total", ms: null, status: "down" },
      { phase: "connect", ms: 2, status: null },
    ]);
  });
});
