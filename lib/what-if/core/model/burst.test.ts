import { describe, expect, it } from "vitest";
import { simulateBurst, type BurstInput } from "./burst";
import { machineTypeOrder, type MachineType } from "./assumptions";

/** The seed's staging: backend 10 + auth 6 instances, pool 5, e2-micro connector 2–3, max_connections 100. */
function seedBurst(
  overrides: {
    timeout?: number;
    machineType?: MachineType;
    maxInstances?: number;
    backend?: number;
    auth?: number;
    pool?: number;
    maxConnections?: number;
  } = {},
): BurstInput {
  const timeout = overrides.timeout ?? 8;
  const pool = overrides.pool ?? 5;
  return {
    services: [
      { name: "backend", instances: overrides.backend ?? 10, poolSize: pool, dbTimeoutSeconds: timeout },
      { name: "auth", instances: overrides.auth ?? 6, poolSize: pool, dbTimeoutSeconds: timeout },
    ],
    connector: {
      machineType: overrides.machineType ?? "e2-micro",
      minInstances: 2,
      maxInstances: overrides.maxInstances ?? 3,
    },
    database: { maxConnections: overrides.maxConnections ?? 100 },
  };
}

const seeds = [1, 2, 3, 7, 42, 1278];

describe("simulateBurst: the seed's facts", () => {
  it.each(seeds)(
    "8 s timeout + 10–30 s scale-out under the seed's burst → start-up success < 10%% (seed %i)",
    (seed) => {
      const r = simulateBurst(seedBurst(), seed);
      expect(r.successRate).toBeLessThan(0.1);
      expect(r.attemptSuccessRate ?? 1).toBeLessThan(0.5);
      expect(r.firstBottleneck).toBe("scale-out-delay");
      // The first scale-out arrives only after the 8 s timeouts have fired.
      expect(r.scaleOuts[0]?.readyAt ?? Infinity).toBeGreaterThan(8);
    },
  );

  it.each(seeds)("75 s timeout with enough max instances → success > 95%% (seed %i)", (seed) => {
    const r = simulateBurst(seedBurst({ timeout: 75, maxInstances: 10 }), seed);
    expect(r.successRate).toBeGreaterThan(0.95);
    expect(r.timeToAllReadySeconds).not.toBeNull();
    expect(r.firstBottleneck).toBeNull();
  });

  it("a larger connector survives the same burst even with the 8 s timeout", () => {
    const r = simulateBurst(seedBurst({ machineType: "e2-standard-4" }), 1);
    expect(r.successRate).toBe(1);
  });

  it("too few Cloud SQL connections shows up as the max-connections bottleneck", () => {
    const r = simulateBurst(seedBurst({ timeout: 75, maxInstances: 10, maxConnections: 30 }), 1);
    expect(r.firstBottleneck).toBe("max-connections");
    expect(r.peakConnections).toBeLessThanOrEqual(30);
    expect(r.successRate).toBeLessThan(0.95);
  });
});

describe("simulateBurst: monotonicity", () => {
  const cases = [
    { timeout: 8 },
    { timeout: 20 },
    { timeout: 30, backend: 20, auth: 10, maxConnections: 400 },
    { timeout: 75, backend: 40, auth: 20, pool: 10, maxConnections: 1000 },
    { timeout: 45, backend: 30, auth: 10, maxConnections: 200 },
  ];

  it.each(cases)("more max instances never lowers success (%o)", (c) => {
    for (const seed of seeds) {
      for (const machineType of machineTypeOrder) {
        let previous = -1;
        for (let maxInstances = 3; maxInstances <= 10; maxInstances++) {
          const r = simulateBurst(seedBurst({ ...c, machineType, maxInstances }), seed);
          expect(r.successRate, `seed ${seed} ${machineType} max ${maxInstances}`).toBeGreaterThanOrEqual(previous);
          previous = r.successRate;
        }
      }
    }
  });

  it.each(cases)("a larger machine type never lowers success (%o)", (c) => {
    for (const seed of seeds) {
      for (const maxInstances of [3, 6, 10]) {
        let previous = -1;
        for (const machineType of machineTypeOrder) {
          const r = simulateBurst(seedBurst({ ...c, machineType, maxInstances }), seed);
          expect(r.successRate, `seed ${seed} ${machineType} max ${maxInstances}`).toBeGreaterThanOrEqual(previous);
          previous = r.successRate;
        }
      }
    }
  });

  it("some configuration in the sweep actually changes with max instances (the test above can fail)", () => {
    const low = simulateBurst(
      seedBurst({ timeout: 75, backend: 40, auth: 20, pool: 10, maxConnections: 1000, maxInstances: 3 }),
      1,
    );
    const high = simulateBurst(
      seedBurst({ timeout: 75, backend: 40, auth: 20, pool: 10, maxConnections: 1000, maxInstances: 10 }),
      1,
    );
    expect(high.successRate).toBeGreaterThan(low.successRate);
  });
});

describe("simulateBurst: determinism and shape", () => {
  it("same seed → same output; another seed → other scale-out delays", () => {
    const a = simulateBurst(seedBurst({ timeout: 20, maxInstances: 10 }), 99);
    const b = simulateBurst(seedBurst({ timeout: 20, maxInstances: 10 }), 99);
    const c = simulateBurst(seedBurst({ timeout: 20, maxInstances: 10 }), 100);
    expect(b).toEqual(a);
    expect(c.scaleOuts.map((s) => s.readyAt)).not.toEqual(a.scaleOuts.map((s) => s.readyAt));
  });

  it("scale-outs take 10–30 s, stop at max instances and never scale in", () => {
    for (const seed of seeds) {
      const r = simulateBurst(seedBurst({ timeout: 8, maxInstances: 6, backend: 30 }), seed);
      for (const s of r.scaleOuts) {
        expect(s.readyAt - s.requestedAt).toBeGreaterThanOrEqual(10);
        expect(s.readyAt - s.requestedAt).toBeLessThanOrEqual(30);
      }
      const counts = r.utilisation.map((u) => u.connectorInstances);
      expect(Math.max(...counts)).toBeLessThanOrEqual(6);
      counts.forEach((n, i) => expect(n).toBeGreaterThanOrEqual(counts[i - 1] ?? 0));
    }
  });

  it("reports one utilisation sample per second, within 0–1, and connections never above max", () => {
    const r = simulateBurst(seedBurst(), 5);
    expect(r.utilisation).toHaveLength(r.horizonSeconds + 1);
    r.utilisation.forEach((u, i) => {
      expect(u.t).toBe(i);
      expect(u.utilisation).toBeGreaterThanOrEqual(0);
      expect(u.utilisation).toBeLessThanOrEqual(1 + 1e-9);
      expect(u.connections).toBeLessThanOrEqual(100);
    });
    expect(r.peakConnections).toBe(100);
    expect(r.instances).toHaveLength(16);
    expect(r.attempts).toBe(r.successes + r.failures);
  });

  it("assumptions can be overridden: heavier start-up traffic breaks even the 75 s timeout", () => {
    const base = seedBurst({ timeout: 75 });
    expect(simulateBurst(base, 1).successRate).toBe(1);
    expect(simulateBurst({ ...base, assumptions: { connectionSetupMegabits: 400 } }, 1).successRate).toBeLessThan(0.5);
  });

  it.each([
    ["10,000 instances", { backend: 10_000 }],
    ["a pool of 0", { pool: 0 }],
    ["a zero timeout", { timeout: 0 }],
  ] as const)("refuses absurd input: %s", (_name, overrides) => {
    expect(() => simulateBurst(seedBurst(overrides), 1)).toThrow(RangeError);
  });
});
