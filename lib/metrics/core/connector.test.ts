import { describe, expect, it } from "vitest";
import type { Series } from "@/lib/core/series";
import type { MachineType } from "@/lib/config/core/staging-schema";
import { ceilingBasis } from "@/lib/core/connector-capacity";
import {
  headroom,
  headroomSeries,
  instanceLimits,
  instancesAt,
  lowestHeadroom,
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

const basis = (machineType: MachineType, maxInstances = 10) => ceilingBasis({ machineType, maxInstances });

describe("headroom against Google's documented ceiling", () => {
  it.each([
    // The default connector, full: 300 Mbit/s through 3 e2-micro instances is its whole ceiling.
    [300e6, 3, "e2-micro", { ceilingBps: 3e8, utilization: 1, headroomPercent: 0, saturated: true }],
    [150e6, 3, "e2-micro", { ceilingBps: 3e8, utilization: 0.5, headroomPercent: 50, saturated: false }],
    [480e6, 2, "e2-micro", { ceilingBps: 2e8, utilization: 2.4, headroomPercent: 0, saturated: true }],
    [299e6, 3, "e2-micro", { ceilingBps: 3e8, headroomPercent: expect.closeTo(1 / 3, 6), saturated: false }],
    [50e6, 2, "f1-micro", { ceilingBps: 1e8, utilization: 0.5, headroomPercent: 50, saturated: false }],
    [0, 2, "e2-standard-4", { ceilingBps: 3.2e9, utilization: 0, headroomPercent: 100, saturated: false }],
  ] as const)("%d bit/s on %d × %s", (bps, n, type, expected) =>
    expect(headroom(bps, n, basis(type))).toMatchObject({ throughputBps: bps, instances: n, ...expected }),
  );

  it("has no headroom figure without instances", () => expect(headroom(1, 0, basis("e2-micro"))).toBeNull());

  it("never counts more instances than the connector may have", () =>
    expect(headroom(300e6, 5, basis("e2-micro", 3))).toMatchObject({ ceilingBps: 3e8, headroomPercent: 0 }));

  it("uses a configured per-instance figure, and says so", () => {
    const measured = ceilingBasis({ machineType: "e2-micro", maxInstances: 3, perInstanceMbps: 150 });
    expect(measured.source).toBe("configured");
    expect(headroom(300e6, 3, measured)).toMatchObject({ ceilingBps: 4.5e8, saturated: false });
  });
});

describe("lowestHeadroom", () => {
  const rest = { throughputBps: 0, ceilingBps: 1, instances: 2, utilization: 0, saturated: false };
  const h = (t: number, headroomPercent: number) => ({ ...rest, t, headroomPercent });
  it("takes the tightest point stamped within (start, end]", () =>
    expect(lowestHeadroom([h(60, 10), h(120, 40), h(180, 70)], 60, 180)).toBe(0.4));
  it("is unknown, not roomy, without a point in the window", () =>
    expect(lowestHeadroom([h(60, 10)], 60, 180)).toBeNull());
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
      basis("e2-micro"),
    );
    // 200 of 200 Mbit/s on 2 instances, 300 of 300 on 3: full both times.
    expect(h.map((x) => [x.t, x.instances, x.headroomPercent, x.saturated])).toEqual([
      [60, 2, 0, true],
      [180, 3, 0, true],
    ]);
  });
  it.each([
    [3, 2, 3, { current: 3, min: 2, max: 3, atMax: true, belowMin: false }],
    [2, 2, 3, { current: 2, min: 2, max: 3, atMax: false, belowMin: false }],
    [1, 2, 3, { current: 1, min: 2, max: 3, atMax: false, belowMin: true }],
    [null, 2, 3, { current: null, min: 2, max: 3, atMax: false, belowMin: false }],
  ])("limits %s of %d–%d", (cur, min, max, expected) => expect(instanceLimits(cur, min, max)).toEqual(expected));
});
