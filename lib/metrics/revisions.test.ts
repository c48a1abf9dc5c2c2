import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/emulator";
import { worldChanges } from "@/emulator/model";
import { configWorld, FIXED_NOW, testClock } from "@/emulator/testing";
import { QueryCache } from "@/lib/gcp/cache";
import { createGcpClients, type GcpClients } from "@/lib/gcp/clients";
import { seedConfig } from "@/lib/tracker/testing";
import { parseTimeRange } from "@/lib/time-range";
import { metricsContext } from "./context";
import { createReader } from "./reader";
import { startups } from "./startups";

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

describe("start-up success by revision", () => {
  it("gives the new and the previous revision of each service their own exact counts", async () => {
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
});
