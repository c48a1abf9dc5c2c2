import { describe, expect, it } from "vitest";
import { machineTypeOrder } from "@/lib/what-if/core/model/assumptions";
import { simulateBurst } from "@/lib/what-if/core/model/burst";
import { predict, seedList } from "./predict";
import { firstAttemptHorizon, modelAssumptions, toBurstInput } from "./scenario";
import { seedScenario } from "@/lib/what-if/testing";

const defaults = modelAssumptions({});

describe("what-if prediction: the seed's facts", () => {
  it("an 8 s timeout against a 10–30 s scale-out fails nearly every start-up, and says why", () => {
    const p = predict(seedScenario({ timeout: 8 }), defaults);
    expect(p.runs).toBe(50);
    expect(p.success.p90).toBeLessThan(0.1);
    expect(p.verdict).toBe("misses");
    expect(p.firstBottleneck.cause).toBe("scale-out-delay");
    expect(p.firstBottleneck.runs).toBeGreaterThan(40);
    // Every first scale-out lands after the 8 s timeouts have fired.
    expect(p.scaleOuts.firstReadyAt?.min ?? Infinity).toBeGreaterThan(8);
    // Crash-looping instances hold Cloud SQL's connections: the peak reaches max_connections.
    expect(p.peakConnections).toMatchObject({ max: 100, maxConnections: 100 });
  });

  it("the 75 s timeout passes with margin, given enough max instances", () => {
    for (const max of [3, 10]) {
      const p = predict(seedScenario({ timeout: 75, max }), defaults);
      expect(p.success.p10, `max ${max}`).toBeGreaterThanOrEqual(0.95);
      expect(p.verdict).toBe("meets-with-margin");
      expect(p.firstBottleneck).toMatchObject({ cause: null, runs: 0 });
      expect(p.firstBottleneck.counts.none).toBe(50);
      expect(p.timeToAllReady.runsAllReady).toBe(50);
      expect(p.timeToAllReady.p90).toBeLessThan(75);
    }
  });

  it("the 75 s timeout with a burst too big for 3 connector instances needs more of them", () => {
    const burst = { timeout: 75, backend: 40, auth: 20, pool: 10, maxConnections: 1000 };
    const few = predict(seedScenario({ ...burst, max: 3 }), defaults);
    const many = predict(seedScenario({ ...burst, max: 10 }), defaults);
    expect(few.success.median).toBeLessThan(0.5);
    expect(many.success.median).toBeGreaterThanOrEqual(0.95);
    expect(few.firstBottleneck.cause).not.toBeNull();
  });
});

describe("what-if prediction: monotonicity", () => {
  const cases = [
    { timeout: 8 },
    { timeout: 15 },
    { timeout: 30, backend: 40, auth: 20, maxConnections: 400 },
    { timeout: 75, backend: 40, auth: 20, pool: 10, maxConnections: 1000 },
    { timeout: 45, backend: 30, auth: 10, maxConnections: 120 },
  ];
  const key = (p: ReturnType<typeof predict>) => [p.success.min, p.success.p10, p.success.median, p.success.p90];

  it.each(cases)("more max instances never predicts lower success, at any quantile (%o)", (c) => {
    for (const machineType of machineTypeOrder) {
      let previous = [-1, -1, -1, -1];
      for (let max = 3; max <= 10; max++) {
        const now = key(predict(seedScenario({ ...c, machineType, max, seeds: 20 }), defaults));
        now.forEach((v, i) =>
          expect(v, `${machineType} max ${max} quantile ${i}`).toBeGreaterThanOrEqual(previous[i] ?? -1),
        );
        previous = now;
      }
    }
  });

  it.each(cases)("a larger machine type never predicts lower success, at any quantile (%o)", (c) => {
    for (const max of [3, 6, 10]) {
      let previous = [-1, -1, -1, -1];
      for (const machineType of machineTypeOrder) {
        const now = key(predict(seedScenario({ ...c, machineType, max, seeds: 20 }), defaults));
        now.forEach((v, i) =>
          expect(v, `${machineType} max ${max} quantile ${i}`).toBeGreaterThanOrEqual(previous[i] ?? -1),
        );
        previous = now;
      }
    }
  });

  it("the sweep above is not flat: machine type and max instances do move the prediction", () => {
    const small = predict(
      seedScenario({ timeout: 75, backend: 40, auth: 20, pool: 10, maxConnections: 1000, max: 3, seeds: 20 }),
      defaults,
    );
    const more = predict(
      seedScenario({ timeout: 75, backend: 40, auth: 20, pool: 10, maxConnections: 1000, max: 10, seeds: 20 }),
      defaults,
    );
    const bigger = predict(seedScenario({ timeout: 8, machineType: "e2-standard-4", seeds: 20 }), defaults);
    expect(more.success.median).toBeGreaterThan(small.success.median);
    expect(bigger.success.min).toBe(1);
  });
});

describe("what-if prediction: shape", () => {
  it("is deterministic and reports its spread in order", () => {
    const s = seedScenario({ timeout: 15 });
    const a = predict(s, defaults);
    expect(predict(s, defaults)).toEqual(a);
    const { min, p10, median, p90, max } = a.success;
    expect([min, p10, median, p90, max]).toEqual([...[min, p10, median, p90, max]].sort((x, y) => x - y));
    // 15 s is on the edge: runs differ, which is what the spread is for.
    expect(max).toBeGreaterThan(min);
  });

  it("gives per-second utilisation bands within 0–1, cut shortly after the burst settles", () => {
    const p = predict(seedScenario({ timeout: 75 }), defaults);
    expect(p.utilisation[0]?.t).toBe(0);
    expect(p.utilisation.length).toBeLessThan(p.horizonSeconds);
    expect(p.utilisation.length).toBeGreaterThanOrEqual(61);
    for (const b of p.utilisation) {
      expect(b.p10).toBeLessThanOrEqual(b.median);
      expect(b.median).toBeLessThanOrEqual(b.p90);
      expect(b.p90).toBeLessThanOrEqual(1 + 1e-9);
    }
    expect(p.utilisation.at(-1)?.readyInstances).toBe(16);
    expect(Math.max(...p.utilisation.map((b) => b.median))).toBeGreaterThan(0.5);
  });

  it("reports per-service success, and no figure for a service that starts nothing", () => {
    const s = seedScenario({ timeout: 75, auth: 0 });
    const p = predict(s, defaults);
    expect(p.services).toEqual([
      { name: "backend", instances: 10, success: expect.objectContaining({ median: 1 }) },
      { name: "auth", instances: 0, success: null },
    ]);
  });

  it("time to all ready is unknown (null) when runs never get there within the horizon", () => {
    const p = predict(seedScenario({ timeout: 8, maxConnections: 10, pool: 20 }), defaults);
    expect(p.timeToAllReady.runsAllReady).toBeLessThan(p.runs);
    expect(p.timeToAllReady.p90).toBeNull();
    expect(p.firstBottleneck.cause).toBe("max-connections");
  });

  it("uses the editable assumptions: faster connector instances rescue the 8 s timeout", () => {
    const s = seedScenario({ timeout: 8 });
    const fast = predict(s, modelAssumptions({ perInstanceMbps: { "e2-micro": 1000 } }));
    expect(fast.success.p10).toBeGreaterThanOrEqual(0.95);
    const heavy = predict(seedScenario({ timeout: 75 }), modelAssumptions({ connectionSetupMegabits: 400 }));
    expect(heavy.success.median).toBeLessThan(0.95);
  });

  it("the short horizon of the recommendation search gives the same start-up success as the full one", () => {
    for (const s of [
      seedScenario({ timeout: 8 }),
      seedScenario({ timeout: 15 }),
      seedScenario({ timeout: 20, pool: 3, maxConnections: 30 }),
      seedScenario({ timeout: 75, backend: 80, auth: 40, maxConnections: 200 }),
    ]) {
      const full = toBurstInput(s, defaults);
      const short = toBurstInput(s, defaults, firstAttemptHorizon(s, defaults));
      for (const seed of seedList(10))
        expect(simulateBurst(short, seed).successRate).toBe(simulateBurst(full, seed).successRate);
    }
  });
});
