import { describe, expect, it } from "vitest";
import type { Series } from "@/lib/health/series";
import {
  ceilingBitsPerSecond,
  headroom,
  headroomSeries,
  instanceLimits,
  instancesAt,
  scaleOuts,
  throughputBits,
} from "./connector";

const s = (points: [number, number | null][]): Series => ({
  labels: {},
  points: points.map(([t, v]) => ({ t, v })),
  unit: "By/s",
  precisionLoss: false,
});
const pts = (points: [number, number | null][]) => points.map(([t, v]) => ({ t, v }));

describe("ceilingBitsPerSecond", () => {
  it.each([
    ["f1-micro", 2, 2e8],
    ["e2-micro", 3, 6e8],
    ["e2-standard-4", 10, 3.2e10],
  ] as const)("%s × %d → %d bit/s", (type, n, bps) => expect(ceilingBitsPerSecond(type, n)).toBe(bps));
});

describe("headroom", () => {
  it.each([
    // 2 e2-micro = 400 Mbps at the documented low end; 100 Mbps used → 75% headroom.
    [
      100e6,
      2,
      "e2-micro",
      { throughputBps: 100e6, ceilingBps: 4e8, instances: 2, utilization: 0.25, headroomPercent: 75 },
    ],
    [
      480e6,
      2,
      "e2-micro",
      { throughputBps: 480e6, ceilingBps: 4e8, instances: 2, utilization: 1.2, headroomPercent: 0 },
    ],
    [0, 3, "f1-micro", { throughputBps: 0, ceilingBps: 3e8, instances: 3, utilization: 0, headroomPercent: 100 }],
  ] as const)("%d bit/s on %d × %s", (bps, n, type, expected) => expect(headroom(bps, n, type)).toEqual(expected));

  it("has no headroom figure without instances", () => expect(headroom(1, 0, "e2-micro")).toBeNull());
});

describe("throughputBits", () => {
  it("converts bytes/s to bits/s and adds the directions", () => {
    expect(
      throughputBits(
        [
          s([
            [60, 1000],
            [120, 2000],
          ]),
        ],
        [s([[60, 500]])],
      ),
    ).toEqual([
      { t: 60, sent: 8000, received: 4000, total: 12000 },
      { t: 120, sent: 16000, received: null, total: 16000 },
    ]);
  });
});

describe("instances", () => {
  const instances = pts([
    [60, 2],
    [120, 2],
    [180, 3],
    [240, null],
    [300, 3],
    [360, 4],
  ]);
  it("finds the count in force", () => {
    expect(instancesAt(instances, 30)).toBeNull();
    expect(instancesAt(instances, 200)).toBe(3);
    expect(instancesAt(instances, 1_000)).toBe(4);
  });
  it("lists every rise as a scale-out", () => {
    expect(scaleOuts(instances)).toEqual([
      { t: 180, from: 2, to: 3 },
      { t: 360, from: 3, to: 4 },
    ]);
    expect(
      scaleOuts(
        pts([
          [60, 3],
          [120, 3],
        ]),
      ),
    ).toEqual([]);
  });
  it("computes headroom against the instances of the moment", () => {
    const h = headroomSeries(
      [
        { t: 60, sent: 2e8, received: 0, total: 2e8 },
        { t: 180, sent: 2e8, received: 1e8, total: 3e8 },
        { t: 240, sent: null, received: null, total: null },
      ],
      instances,
      "e2-micro",
    );
    expect(h.map((x) => [x.t, x.instances, x.headroomPercent])).toEqual([
      [60, 2, 50],
      [180, 3, 50],
    ]);
  });
  it.each([
    [3, 2, 3, { current: 3, min: 2, max: 3, atMax: true, belowMin: false }],
    [2, 2, 3, { current: 2, min: 2, max: 3, atMax: false, belowMin: false }],
    [1, 2, 3, { current: 1, min: 2, max: 3, atMax: false, belowMin: true }],
    [null, 2, 3, { current: null, min: 2, max: 3, atMax: false, belowMin: false }],
  ])("limits %s of %d–%d", (cur, min, max, expected) => expect(instanceLimits(cur, min, max)).toEqual(expected));
});
