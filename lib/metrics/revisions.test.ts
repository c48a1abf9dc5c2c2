import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/emulator";
import { worldChanges } from "@/emulator/model";
import { configWorld, FIXED_NOW, testClock } from "@/emulator/testing";
import { QueryCache } from "@/lib/gcp/cache";
import { createGcpClients, type GcpClients } from "@/lib/gcp/clients";
import { seedConfig } from "@/lib/tracker/testing";
import { parseTimeRange } from "@/lib/core/time-range";
import { metricsContext } from "@/lib/gcp/read-context";
import { createReader } from "@/lib/gcp/reader";
import { startups } from "./startups";
import { events } from "./events";
import { bucketBounds, distributionOf, distributionPercentile } from "@/emulator/distribution";
import { metricSpec } from "@/emulator/model";

/**
 * Start-up success split by revision, exact against the emulator: around the deploy that starts
 * the incident, each revision's healthy and unhealthy start-ups are the model's, minute by minute,
 * read through the real Monitoring client.
 */

const clock = testClock(FIXED_NOW);
let emulator: RunningEmulator;
let clients: GcpClients;

beforeAll(async () => {
  emulator = await startEmulator({ world: configWorld(), scenario: "incident", now: clock.now, historyDays: 3 });
  clients = createGcpClients({
    projectId: "netra-staging",
    monitoringEmulatorHost: `127.0.0.1:${emulator.ports.grpc}`,
    loggingEmulatorHost: `127.0.0.1:${emulator.ports.grpc}`,
  });
});
afterAll(async () => {
  await Promise.all([clients.monitoring.close(), clients.logging.close(), clients.logMetrics.close()]);
  await emulator.close();
});

async function aroundTheDeploy() {
  const state = emulator.state;
  const deployAt = worldChanges(state.world, state.timeline, state.seed).entries.find((e) =>
    e.audit.methodName.endsWith("ReplaceService"),
  )?.timestampMs;
  if (deployAt === undefined) throw new Error("no deploy in the timeline");
  const from = new Date(Math.floor(deployAt / 60_000) * 60_000 - 3_600_000).toISOString();
  const to = new Date(Math.floor(deployAt / 60_000) * 60_000 + 3_600_000).toISOString();
  const parsed = parseTimeRange(new URLSearchParams({ range: "custom", from, to }), new Date(clock.now()));
  if (!parsed.ok) throw new Error("bad range");
  const reader = createReader(clients, new QueryCache({ now: clock.now }));
  const ctx = metricsContext(reader, seedConfig(), parsed.range, clock.now());
  return { state, deployAt, ctx };
}

describe("start-up success by revision", () => {
  it("gives the new and the previous revision of each service their own exact counts", async () => {
    const { state, deployAt, ctx } = await aroundTheDeploy();
    const body = await startups(ctx);
    expect(ctx.interval.periodSeconds).toBe(60);

    const deployed = state.world.services.map((s, i) => ({ s, i })).filter(({ s }) => s.deployed);
    expect(deployed.length).toBeGreaterThan(0);
    for (const { s, i } of deployed) {
      const expected = new Map<string, { healthy: number; unhealthy: number }>();
      for (let m = ctx.interval.startMs / 60_000; m < ctx.interval.endMs / 60_000; m++) {
        const minute = state.minute(m).services[i];
        if (!minute) continue;
        const c = expected.get(minute.revision) ?? { healthy: 0, unhealthy: 0 };
        c.healthy += minute.startupHealthy;
        c.unhealthy += minute.startupUnhealthy;
        expected.set(minute.revision, c);
      }
      expect(expected.size).toBe(2);
      const figures = body.services.find((x) => x.service === s.name)?.revisions ?? [];
      expect(figures).toHaveLength(2);
      for (const f of figures) expect(f.counts).toEqual(expected.get(f.revision));
      // The new revision serves after the deploy and fails; the one before it did not.
      const [current, previous] = figures;
      expect(current?.since).toBeGreaterThanOrEqual(Math.floor(deployAt / 60_000) * 60_000);
      expect(current?.successRate ?? 1).toBeLessThan(previous?.successRate ?? 0);
    }
  });

  it("gives each revision its own newest start-up latency p95, exact against the model's start-up attempts", async () => {
    const { state, ctx } = await aroundTheDeploy();
    const body = await startups(ctx);
    const options = metricSpec("run.googleapis.com/container/startup_latencies")?.bucketOptions;
    if (!options) throw new Error("no buckets");
    const bounds = bucketBounds(options);
    const deployed = state.world.services.map((s, i) => ({ s, i })).filter(({ s }) => s.deployed);
    for (const { s, i } of deployed) {
      const figures = body.services.find((x) => x.service === s.name)?.revisions ?? [];
      expect(figures).toHaveLength(2);
      for (const f of figures) {
        // The newest minute of the range in which this revision started instances.
        let expected: { ms: number; t: number } | null = null;
        for (let m = ctx.interval.endMs / 60_000 - 1; m >= ctx.interval.startMs / 60_000 && !expected; m--) {
          if (state.minute(m).services[i]?.revision !== f.revision) continue;
          const attempts = state.attempts(m, i);
          const ms = attempts.length
            ? distributionPercentile(
                distributionOf(
                  attempts.map((a) => a.latencyMs),
                  options,
                  bounds,
                ),
                95,
              )
            : null;
          if (ms !== null) expected = { ms, t: (m + 1) * 60_000 };
        }
        expect(f.latencyP95?.t).toBe(expected?.t);
        expect(f.latencyP95?.ms).toBeCloseTo(expected?.ms ?? -1, 6);
      }
      // The new revision starts slower than the one before it (the incident's deploy).
      const [current, previous] = figures;
      expect(current?.latencyP95?.ms ?? 0).toBeGreaterThan(previous?.latencyP95?.ms ?? Infinity);
    }
  });

  it("narrows the failure events to one revision: four start-up lines per failed start-up of that revision, none of another", async () => {
    const { state, ctx } = await aroundTheDeploy();
    const body = await startups(ctx);
    const all = await events(ctx, { page: 1, pageSize: 1 });
    expect(all.truncated).toBe(false);
    const deployed = state.world.services.map((s, i) => ({ s, i })).filter(({ s }) => s.deployed);
    let sum = 0;
    for (const { s } of deployed) {
      for (const f of body.services.find((x) => x.service === s.name)?.revisions ?? []) {
        const one = await events(ctx, { service: s.name, revision: f.revision, page: 1, pageSize: 200 });
        // Socket timeout and DB initialisation timeout, exit(3), failed start-up probe; the
        // rejected WebSocket handshakes (JWT) are the backend's, not start-ups.
        const c = one.counts;
        expect(c["db-socket-timeout"], f.revision).toBe(2 * f.counts.unhealthy);
        expect([c["exit-code"], c["startup-probe-failed"]], f.revision).toEqual([
          f.counts.unhealthy,
          f.counts.unhealthy,
        ]);
        expect(one.total).toBe(
          c["db-socket-timeout"] + c["exit-code"] + c["startup-probe-failed"] + c["jwt-handshake"],
        );
        if (s.name !== "backend") expect(c["jwt-handshake"]).toBe(0);
        expect(one.filters.revision).toBe(f.revision);
        expect(one.events.every((e) => e.revision === f.revision && e.service === s.name)).toBe(true);
        // The choices are the revisions with events (a revision without failures has none).
        expect(one.revisions.includes(f.revision)).toBe(one.total > 0);
        sum += one.total;
      }
    }
    expect(sum).toBe(all.total);
  });
});
