import { describe, expect, it } from "vitest";
import { createMinuteModel } from "./minute";
import { logEntriesForMinute } from "./logs";
import { switchScenario, timelineFor, type ScenarioName } from "./timeline";
import type { World } from "./world";

const world: World = {
  projectId: "netra-staging",
  region: "us-central1",
  services: [
    { name: "backend", deployed: true, burstInstances: 10, poolSize: 5, dbTimeoutSeconds: 8 },
    { name: "auth", deployed: true, burstInstances: 6, poolSize: 5, dbTimeoutSeconds: 8 },
    { name: "analytics", deployed: false, burstInstances: 10, poolSize: 5, dbTimeoutSeconds: 8 },
  ],
  connector: {
    name: "staging-connector",
    region: "us-central1",
    machineType: "e2-micro",
    minInstances: 2,
    maxInstances: 3,
  },
  database: { instanceId: "staging-shared-postgres", maxConnections: 100 },
};
const start = 29_000_000; // an epoch minute in 2025

function successOver(scenario: ScenarioName, from: number, to: number, seed = 1): number {
  const model = createMinuteModel(world, timelineFor(scenario, start), seed);
  let ok = 0;
  let all = 0;
  for (let m = from; m < to; m++) {
    for (let i = 0; i < world.services.length; i++) {
      const s = model.service(m, i);
      ok += s?.startupHealthy ?? 0;
      all += s?.startupAttempts ?? 0;
    }
  }
  return ok / all;
}

describe("per-minute generator", () => {
  it.each([
    ["incident", start - 120, start + 60, 0, 0.1],
    ["recovering", start + 20, start + 80, 0.95, 1],
    ["healthy", start - 600, start, 0.97, 1],
    ["flaky", start - 300, start, 0.4, 0.9],
  ] as const)("%s: start-up success over the window is within [%s, %s]", (scenario, from, to, low, high) => {
    const rate = successOver(scenario, from, to);
    expect(rate).toBeGreaterThanOrEqual(low);
    expect(rate).toBeLessThanOrEqual(high);
  });

  it("recovering: success climbs from below 95% to above it", () => {
    expect(successOver("recovering", start, start + 5)).toBeLessThan(0.95);
    expect(successOver("recovering", start + 25, start + 60)).toBeGreaterThan(0.95);
  });

  it("is random-access and deterministic: any order, same numbers; another seed differs", () => {
    const a = createMinuteModel(world, timelineFor("incident", start), 7);
    const b = createMinuteModel(world, timelineFor("incident", start), 7);
    const c = createMinuteModel(world, timelineFor("incident", start), 8);
    const minutes = [start - 5000, start + 3, start - 1, start - 9000];
    const forward = minutes.map((m) => a.sample(m));
    const backward = [...minutes]
      .reverse()
      .map((m) => b.sample(m))
      .reverse();
    expect(backward).toEqual(forward);
    expect(minutes.map((m) => c.sample(m))).not.toEqual(forward);
  });

  it("a service that is not deployed emits nothing", () => {
    const model = createMinuteModel(world, timelineFor("incident", start), 1);
    expect(model.service(start, 2)).toBeNull();
    expect(model.startupAttempts(start, 2)).toEqual([]);
    expect(model.sample(start).services.map((s) => s.service)).toEqual(["backend", "auth"]);
    expect(logEntriesForMinute(model, start).some((e) => e.service === "analytics")).toBe(false);
  });

  it("demo: incident first, recovering after the configured minutes, then healthy; the connector never scales in", () => {
    const model = createMinuteModel(
      world,
      timelineFor("demo", start, { recoverAfterMinutes: 10, recoveryMinutes: 30 }),
      1,
    );
    expect(model.state(start - 60 * 40).scenario).toBe("healthy");
    expect(model.state(start + 9).scenario).toBe("incident");
    expect(model.state(start + 10).scenario).toBe("recovering");
    expect(model.state(start + 40).scenario).toBe("healthy");
    const instances = [start - 60 * 40, start - 60, start + 10, start + 45].map((m) => model.connector(m).instances);
    expect(instances).toEqual([2, 3, 3, 3]);
    expect(model.connector(start + 45).machineType).toBe("e2-standard-4");
  });

  it("time compression: with time scale 10 the demo recovers after 1 real minute", () => {
    const model = createMinuteModel(world, timelineFor("demo", start, { recoverAfterMinutes: 10, timeScale: 10 }), 1);
    expect(model.state(start).scenario).toBe("incident");
    expect(model.state(start + 1).scenario).toBe("recovering");
    expect(model.state(start + 2).ageMinutes).toBe(10);
  });

  it("switching keeps the past and changes the future", () => {
    const before = createMinuteModel(world, timelineFor("incident", start), 1);
    const after = createMinuteModel(world, switchScenario(timelineFor("incident", start), "healthy", start + 5), 1);
    expect(after.sample(start + 4)).toEqual(before.sample(start + 4));
    expect(after.state(start + 5).scenario).toBe("healthy");
  });

  it("incident logs carry the seed's failure signatures; healthy minutes carry none", () => {
    const incident = createMinuteModel(world, timelineFor("incident", start), 1);
    const texts = Array.from({ length: 10 }, (_, k) => logEntriesForMinute(incident, start - k))
      .flat()
      .map((e) => e.text);
    for (const signature of [
      "Container called exit(3).",
      "STARTUP TCP probe failed",
      "/cloudsql/netra-staging:us-central1:staging-shared-postgres/.s.PGSQL.5432",
      "Database initialization timeout after 8 s",
    ]) {
      expect(
        texts.some((t) => t.includes(signature)),
        signature,
      ).toBe(true);
    }
    const healthy = createMinuteModel(world, timelineFor("healthy", start), 1);
    const errors = Array.from({ length: 60 }, (_, k) => logEntriesForMinute(healthy, start - k))
      .flat()
      .filter((e) => e.severity === "ERROR");
    expect(errors.length).toBeLessThan(3);
  });

  it("while the JWT secrets differ and the backend is up, handshakes are rejected in the logs", () => {
    const model = createMinuteModel(world, timelineFor("recovering", start), 1);
    const lines = Array.from({ length: 30 }, (_, k) => logEntriesForMinute(model, start + 10 + k)).flat();
    expect(lines.some((e) => e.service === "backend" && e.text.startsWith("WebSocket handshake rejected (401)"))).toBe(
      true,
    );
  });

  it("log entries of a minute stay inside it, sorted by time", () => {
    const model = createMinuteModel(world, timelineFor("incident", start), 3);
    const entries = logEntriesForMinute(model, start);
    expect(entries.length).toBeGreaterThan(10);
    entries.forEach((e, i) => {
      expect(e.timestampMs).toBeGreaterThanOrEqual(start * 60_000);
      expect(e.timestampMs).toBeLessThan((start + 1) * 60_000);
      expect(e.timestampMs).toBeGreaterThanOrEqual(entries[i - 1]?.timestampMs ?? 0);
    });
  });

  it("the incident's connector runs at Google's documented ceiling and never above it", () => {
    const model = createMinuteModel(world, timelineFor("incident", start), 1);
    const carried: number[] = [];
    for (let m = start - 60; m < start; m++) {
      const c = model.connector(m);
      // 3 e2-micro instances: 300 Mbit/s, as the Serverless VPC Access API documents.
      expect(c).toMatchObject({ machineType: "e2-micro", instances: 3, capacityMbps: 300 });
      carried.push(((c.sentBytes + c.receivedBytes) * 8) / 60 / 1e6);
    }
    expect(Math.max(...carried)).toBeLessThanOrEqual(300 + 1e-6);
    // Saturated (within a byte's rounding of the ceiling) in a good share of the minutes.
    expect(carried.filter((v) => v > 299.99).length).toBeGreaterThan(10);
  });

  it("connector bytes never exceed what its instances can carry in a minute", () => {
    const model = createMinuteModel(world, timelineFor("incident", start), 1);
    for (let m = start - 30; m < start; m++) {
      const c = model.connector(m);
      expect(((c.sentBytes + c.receivedBytes) * 8) / 60 / 1e6).toBeLessThanOrEqual(c.capacityMbps + 1e-6);
      expect(c.cpuUtilizations).toHaveLength(c.instances);
    }
  });
});

describe("timeline rescaling", () => {
  it("a time-scale change keeps the demo's recovery the same number of model minutes away", async () => {
    const { rescaleTimeline, modelMinutesBetween, segmentAt } = await import("./timeline");
    const plan = timelineFor("demo", start, { recoverAfterMinutes: 10 });
    const faster = rescaleTimeline(plan, start + 4, 6);
    // 4 model minutes done, 6 left at 6 model minutes per real minute → 1 real minute.
    expect(segmentAt(faster, start + 4.99).segment.scenario).toBe("incident");
    expect(segmentAt(faster, start + 5).segment.scenario).toBe("recovering");
    expect(segmentAt(faster, start + 4.5).ageMinutes).toBe(36 * 60 + 4 + 3);
    expect(modelMinutesBetween(faster, start, start + 5)).toBe(10);
  });
});
