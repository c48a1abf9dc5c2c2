import { describe, expect, it } from "vitest";
import { attainment, burndown, burnRate, countWindow, errorBudget, timeToExhaustion, type CountPoint } from "./budget";
import { sloFigures, type CountSource } from "./figures";
import { BURN_WINDOWS, DAY_MS, WINDOW_MS } from "@/lib/core/slo-windows";

const MIN = 60_000;
const HOUR = 60 * MIN;
const END = Date.UTC(2026, 10, 30, 12, 0, 0);

/** `perPeriod` start-ups each period, `badShare` of them bad, over `spanMs` ending at END. */
function constant(periodMs: number, spanMs: number, perPeriod: number, badShare: number): CountPoint[] {
  const out: CountPoint[] = [];
  for (let t = END - spanMs + periodMs; t <= END; t += periodMs) {
    const bad = perPeriod * badShare;
    out.push({ t, good: perPeriod - bad, bad });
  }
  return out;
}

const fine = (points: CountPoint[]): CountSource => ({ points, periodMs: MIN, endMs: END, spanMs: 6 * HOUR });
const coarse = (points: CountPoint[]): CountSource => ({ points, periodMs: HOUR, endMs: END, spanMs: 28 * DAY_MS });

describe("SLO figures under a constant bad share", () => {
  // Objective 95%: allowed bad share 5%. Shares chosen so every quotient is exact in binary
  // floating point or compared with toBeCloseTo at 12 digits.
  it.each([
    { badShare: 0, burn: 0, remaining: 1 },
    { badShare: 0.05, burn: 1, remaining: 0 },
    { badShare: 0.25, burn: 5, remaining: -4 },
    { badShare: 0.5, burn: 10, remaining: -9 },
    { badShare: 1, burn: 20, remaining: -19 },
  ])(
    "bad share $badShare → burn $burn in every window, budget remaining $remaining",
    ({ badShare, burn, remaining }) => {
      const f = sloFigures(
        0.95,
        28 * DAY_MS,
        fine(constant(MIN, 6 * HOUR, 20, badShare)),
        coarse(constant(HOUR, 28 * DAY_MS, 1200, badShare)),
      );
      for (const w of BURN_WINDOWS) {
        expect(f.burn[w].burnRate, w).toBeCloseTo(burn, 12);
        expect(f.burn[w].coverage, w).toBe(1);
      }
      expect(f.attainment).toBeCloseTo(1 - badShare, 12);
      expect(f.budget.remaining).toBeCloseTo(remaining, 12);
      expect(f.budget.allowedBad).toBeCloseTo(0.05 * 1200 * 24 * 28, 6);
      expect(f.budget.usedBad).toBeCloseTo(badShare * 1200 * 24 * 28, 6);
      expect(f.counts.total).toBe(1200 * 24 * 28);
    },
  );

  it("reads the short windows from the fine source and the long ones from the coarse source", () => {
    // Fine data all bad, coarse all good: the split shows exactly which source each window used.
    const f = sloFigures(
      0.9,
      28 * DAY_MS,
      fine(constant(MIN, 6 * HOUR, 10, 1)),
      coarse(constant(HOUR, 28 * DAY_MS, 10, 0)),
    );
    expect(["5m", "30m", "1h", "6h"].map((w) => f.burn[w as "5m"].burnRate)).toEqual(
      [10, 10, 10, 10].map((x) => expect.closeTo(x, 12)),
    );
    expect(f.burn["24h"].burnRate).toBe(0);
    expect(f.burn["3d"].burnRate).toBe(0);
    expect(f.burn["5m"].total).toBe(50);
    expect(f.burn["3d"].total).toBe(720);
  });

  it("budget 1 − used ÷ allowed; time to exhaustion at the 1 h burn", () => {
    // 28 d of 2% bad (burn 0.4) then the last hour 100% bad (burn 20): budget nearly intact, gone fast.
    const long = constant(HOUR, 28 * DAY_MS, 100, 0.02);
    const f = sloFigures(0.95, 28 * DAY_MS, fine(constant(MIN, HOUR, 10, 1)), coarse(long));
    expect(f.budget.remaining).toBeCloseTo(0.6, 12);
    expect(f.exhaustion).toEqual({ status: "in", ms: expect.closeTo((0.6 * 28 * DAY_MS) / 20, 3) });
  });
});

describe("partial window, gap, empty window", () => {
  it("partial: history shorter than the window is computed over what is there, with coverage < 1", () => {
    const f = sloFigures(0.95, 28 * DAY_MS, fine([]), coarse(constant(HOUR, 7 * DAY_MS, 100, 0.1)));
    expect(f.counts.coverage).toBeCloseTo(0.25, 12);
    expect(f.attainment).toBeCloseTo(0.9, 12);
    expect(f.burn["3d"].coverage).toBe(1);
    expect(f.burn["3d"].burnRate).toBeCloseTo(2, 12);
  });

  it("gap: missing periods count neither good nor bad and lower coverage", () => {
    const points = constant(MIN, HOUR, 10, 0.5).filter((p) => ((END - p.t) / MIN) % 2 === 0); // every other minute
    const c = countWindow(points, END, HOUR, MIN);
    expect(c.coverage).toBe(0.5);
    expect(c.total).toBe(300);
    expect(burnRate(c, 0.95)).toBeCloseTo(10, 12);
  });

  it("empty: no start-ups in a window makes it unknown, never 0 or 100%", () => {
    const f = sloFigures(0.95, 28 * DAY_MS, fine([]), coarse([]));
    expect(f.attainment).toBeNull();
    expect(f.budget.remaining).toBeNull();
    for (const w of BURN_WINDOWS) expect(f.burn[w].burnRate).toBeNull();
    expect(f.exhaustion).toEqual({ status: "unknown" });
    expect(f.burndown).toEqual([]);
  });

  it("zero-count points are coverage, not start-ups: still unknown", () => {
    const points = constant(MIN, HOUR, 0, 0);
    const c = countWindow(points, END, HOUR, MIN);
    expect(c.coverage).toBe(1);
    expect(attainment(c)).toBeNull();
    expect(burnRate(c, 0.95)).toBeNull();
  });

  it("only periods ending inside (end − span, end] count", () => {
    const pts: CountPoint[] = [
      { t: END - 5 * MIN, good: 0, bad: 7 }, // boundary: belongs to the window before
      { t: END - 4 * MIN, good: 1, bad: 0 },
      { t: END, good: 1, bad: 0 },
      { t: END + MIN, good: 0, bad: 99 }, // after the end
    ];
    expect(countWindow(pts, END, WINDOW_MS["5m"], MIN)).toEqual({ good: 2, bad: 0, total: 2, coverage: 0.4 });
  });
});

describe("time to exhaustion", () => {
  it.each([
    [null, 2, { status: "unknown" }],
    [0.5, null, { status: "unknown" }],
    [0, 3, { status: "exhausted" }],
    [-0.2, 0, { status: "exhausted" }],
    [0.5, 0, { status: "never" }],
    [0.5, 1, { status: "in", ms: 14 * DAY_MS }],
    [1, 14.4, { status: "in", ms: (28 * DAY_MS) / 14.4 }],
  ] as const)("remaining %s at burn %s → %j", (remaining, burn, expected) => {
    expect(timeToExhaustion(remaining, burn, 28 * DAY_MS)).toEqual(expected);
  });
});

describe("budget and burndown", () => {
  it("errorBudget can go below zero", () => {
    expect(errorBudget({ bad: 30, total: 100 }, 0.9)).toEqual({
      allowedBad: expect.closeTo(10, 9),
      usedBad: 30,
      remaining: expect.closeTo(-2, 9),
    });
  });

  it("burndown falls with each bad period against the whole window's allowance", () => {
    const pts: CountPoint[] = [
      { t: END - 2 * HOUR, good: 95, bad: 5 },
      { t: END - HOUR, good: 100, bad: 0 },
      { t: END, good: 95, bad: 5 },
    ];
    // total 300, allowed 15 bad at 95%.
    const b = burndown(pts, END, DAY_MS, 0.95);
    expect(b.map((p) => p.remaining)).toEqual([2 / 3, 2 / 3, 1 / 3].map((x) => expect.closeTo(x, 12)));
  });
});

describe("the minutes since the last full hour", () => {
  it("long windows and the budget add the fine points after the coarse end", () => {
    const coarseEnd = END - HOUR; // the hourly read ends an hour earlier than the minute read
    const coarsePts = constant(HOUR, 28 * DAY_MS + HOUR, 100, 0).filter((p) => p.t <= coarseEnd);
    const finePts = constant(MIN, 6 * HOUR, 10, 1); // the last 6 h all bad
    const f = sloFigures(0.95, 28 * DAY_MS, fine(finePts), {
      points: coarsePts,
      periodMs: HOUR,
      endMs: coarseEnd,
      spanMs: 28 * DAY_MS,
    });
    // 60 bad minutes after the coarse end × 10 = 600 bad.
    expect(f.counts.bad).toBe(600);
    expect(f.counts.total).toBe(28 * 24 * 100 + 600);
    expect(f.burn["24h"].bad).toBe(600);
    expect(f.burn["24h"].endMs).toBe(END);
    expect(f.burndown.at(-1)).toEqual({ t: END, remaining: expect.closeTo(1 - 600 / (0.05 * f.counts.total), 9) });
  });
});
