import { describe, expect, it } from "vitest";
import { backendUsage, latestPoint, sumSeries, upBand } from "./database";

const pts = (points: [number, number | null][]) => points.map(([t, v]) => ({ t, v }));
const interval = { startMs: 0, endMs: 360_000, periodSeconds: 60 };

describe("upBand", () => {
  it.each([
    [
      "up, down, gap, up",
      pts([
        [60_000, 1],
        [120_000, 1],
        [180_000, 0],
        [300_000, 1],
        [360_000, 1],
      ]),
      [
        { from: 0, to: 120_000, state: "up" },
        { from: 120_000, to: 180_000, state: "down" },
        { from: 180_000, to: 240_000, state: "unknown" },
        { from: 240_000, to: 360_000, state: "up" },
      ],
    ],
    ["no data at all is unknown, not up", [], [{ from: 0, to: 360_000, state: "unknown" }]],
    ["a null value counts as no sample", pts([[60_000, null]]), [{ from: 0, to: 360_000, state: "unknown" }]],
  ])("%s", (_name, points, expected) => expect(upBand(points, interval)).toEqual(expected));
});

describe("backendUsage", () => {
  it.each([
    [50, 100, { used: 50, max: 100, ratio: 0.5, headroom: 50 }],
    [100, 100, { used: 100, max: 100, ratio: 1, headroom: 0 }],
    [120, 100, { used: 120, max: 100, ratio: 1.2, headroom: 0 }],
  ])("%d of %d", (used, max, expected) => expect(backendUsage(used, max)).toEqual(expected));
});

describe("points", () => {
  it("latestPoint skips trailing gaps", () =>
    expect(
      latestPoint(
        pts([
          [1, 5],
          [2, 7],
          [3, null],
        ]),
      ),
    ).toEqual({ t: 2, v: 7 }));
  it("latestPoint of nothing is null", () => expect(latestPoint([])).toBeNull());
  it("sumSeries adds by time", () =>
    expect(
      sumSeries([
        {
          points: pts([
            [1, 2],
            [2, 3],
          ]),
        },
        {
          points: pts([
            [2, 4],
            [3, null],
          ]),
        },
      ]),
    ).toEqual(
      pts([
        [1, 2],
        [2, 7],
      ]),
    ));
});
