import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/emulator";
import { logMetricsOf } from "@/emulator/log-metrics";
import { configWorld, FIXED_NOW, testClock } from "@/emulator/testing";
import { createGcpClients, type GcpClients } from "./clients";
import { CAUSES } from "@/lib/core/failure-causes";
import {
  ensureFailureMetrics,
  failureMetricsOnce,
  readFailureCounts,
  REFUSAL_RETRY_MS,
  resetFailureMetricsMemo,
} from "./log-metric-counts";
import { failureMetricFilter, failureMetricSpecs } from "./log-metrics";
import { readFailureEvents } from "./logging";

/** Against the real emulator over gRPC: ensuring the metrics, the refusal, and counts that agree with the log lines. */

const clock = testClock();
const services = configWorld().services.map((s) => s.name);
const project = "netra-staging";
let emulator: RunningEmulator;
let clients: GcpClients;
const budget = () => ({ deadlineAt: Date.now() + 20_000 });

beforeAll(async () => {
  emulator = await startEmulator({ world: configWorld(), scenario: "incident", now: clock.now, ingestDelaySeconds: 0 });
  const host = `127.0.0.1:${emulator.ports.grpc}`;
  clients = createGcpClients({ projectId: project, monitoringEmulatorHost: host, loggingEmulatorHost: host });
});
afterAll(async () => {
  await Promise.all([clients.monitoring.close(), clients.logging.close(), clients.logMetrics.close()]);
  await emulator.close();
});
beforeEach(() => {
  resetFailureMetricsMemo();
  const state = logMetricsOf(emulator.state);
  state.metrics.clear();
  state.writable = true;
});

describe("ensureFailureMetrics", () => {
  it("creates one counter per cause, and a second ensure creates or changes nothing", async () => {
    const first = await ensureFailureMetrics(clients.logMetrics, project, services);
    expect(first).toEqual({ state: "ready", countingSinceMs: FIXED_NOW });
    const before = [...logMetricsOf(emulator.state).metrics.values()].map((m) => ({ ...m }));
    expect(before.map((m) => m.name).sort()).toEqual(
      failureMetricSpecs(services)
        .map((s) => s.id)
        .sort(),
    );
    clock.advance(60_000);
    const second = await ensureFailureMetrics(clients.logMetrics, project, services);
    expect(second).toEqual(first);
    expect([...logMetricsOf(emulator.state).metrics.values()]).toEqual(before);
  });

  it("puts a changed filter back, and counting starts again at the update", async () => {
    await ensureFailureMetrics(clients.logMetrics, project, services);
    const metric = logMetricsOf(emulator.state).metrics.get("stagewatch-startup-failures-exit-code");
    if (!metric) throw new Error("not created");
    logMetricsOf(emulator.state).metrics.set(metric.name, { ...metric, filter: "severity>=ERROR", parsed: null });
    clock.advance(60_000);
    const status = await ensureFailureMetrics(clients.logMetrics, project, services);
    expect(status).toEqual({ state: "ready", countingSinceMs: clock.now() });
    expect(logMetricsOf(emulator.state).metrics.get(metric.name)?.filter).toBe(
      failureMetricFilter("exit-code", services),
    );
  });

  it("is refused, not thrown, without permission to create metrics", async () => {
    logMetricsOf(emulator.state).writable = false;
    const status = await ensureFailureMetrics(clients.logMetrics, project, services);
    expect(status.state).toBe("refused");
    expect(status.state === "refused" && status.reason).toContain("roles/logging.configWriter");
  });

  it("remembers success for the process and retries a refusal after a while", async () => {
    logMetricsOf(emulator.state).writable = false;
    expect((await failureMetricsOnce(clients.logMetrics, project, services, clock.now())).state).toBe("refused");
    logMetricsOf(emulator.state).writable = true;
    expect((await failureMetricsOnce(clients.logMetrics, project, services, clock.now() + 1000)).state).toBe("refused");
    expect(
      (await failureMetricsOnce(clients.logMetrics, project, services, clock.now() + REFUSAL_RETRY_MS)).state,
    ).toBe("ready");
    logMetricsOf(emulator.state).metrics.clear();
    // Success is not re-checked per read: nothing is created again.
    expect(
      (await failureMetricsOnce(clients.logMetrics, project, services, clock.now() + 2 * REFUSAL_RETRY_MS)).state,
    ).toBe("ready");
    expect(logMetricsOf(emulator.state).metrics.size).toBe(0);
  });
});

describe("readFailureCounts", () => {
  it("per cause and window, equal to the classified log lines since the metrics were created", async () => {
    const status = await ensureFailureMetrics(clients.logMetrics, project, services);
    if (status.state !== "ready") throw new Error("not ready");
    clock.advance(20 * 60_000);
    const startMs = Math.ceil(status.countingSinceMs / 60_000) * 60_000;
    const interval = { startMs, endMs: startMs + 15 * 60_000, periodSeconds: 300 };
    const counts = await readFailureCounts(clients.monitoring, project, interval, budget());
    const read = await readFailureEvents(clients.logging, project, interval, budget(), services);
    expect(read.truncated).toBe(false);
    expect(counts.windows).toHaveLength(3);
    for (const cause of CAUSES) {
      expect(counts.totals[cause]).toBe(read.events.filter((e) => e.cause === cause).length);
      expect(counts.windows.reduce((sum, w) => sum + w.counts[cause], 0)).toBe(counts.totals[cause]);
    }
    expect(counts.totals["startup-probe-failed"]).toBeGreaterThan(0);
    for (const service of ["backend", "auth"]) {
      for (const cause of CAUSES)
        expect(counts.byService[service]?.totals[cause] ?? 0).toBe(
          read.events.filter((e) => e.cause === cause && e.service === service).length,
        );
    }
  });
});
