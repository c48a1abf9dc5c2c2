import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/emulator";
import { configWorld, FIXED_NOW, testClock } from "@/emulator/testing";
import { configWith } from "@/lib/readiness/testing";
import { QueryCache } from "@/lib/gcp/cache";
import { createGcpClients, type GcpClients } from "@/lib/gcp/clients";
import { createReader } from "@/lib/gcp/reader";
import { openStore, type Store } from "@/lib/store/db";
import { recentTransitions } from "./ledger";
import { evaluateSlos, type SloDeps } from "./service";

/**
 * The SLO end to end below HTTP: the real emulator over gRPC (its incident model and history),
 * the real client and shared cache, a real SQLite store. The incident fires the fast-burn page
 * and exhausts the budget; recovering resolves it exactly once.
 */

const MIN = 60_000;
let emulator: RunningEmulator;
let clients: GcpClients;
let store: Store;
let dir: string;
const clock = testClock(FIXED_NOW);
let deps: SloDeps;

beforeAll(async () => {
  emulator = await startEmulator({ world: configWorld(), scenario: "incident", now: clock.now, historyDays: 4 });
  const host = `127.0.0.1:${emulator.ports.grpc}`;
  clients = createGcpClients({ projectId: "netra-staging", monitoringEmulatorHost: host, loggingEmulatorHost: host });
  const reader = createReader(clients, new QueryCache({ now: clock.now, errorTtlMs: 0 }));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sw-slo-"));
  store = await openStore({ sqlitePath: path.join(dir, "s.sqlite") });
  const raw = configWith({ checks: [], webhooks: [] });
  // A 3-day SLO: the emulator keeps 4 days here (30 in the demo) to keep the test quick.
  const config = { ...raw, slo: { ...raw.slo, windowDays: 3 } };
  deps = { reader: () => reader, config: () => config, db: async () => store.db, baseUrl: () => null };
});

afterAll(async () => {
  await clients?.monitoring.close();
  await clients?.logging.close();
  await emulator?.close();
  await store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("SLO against the emulator", () => {
  it("incident: fast-burn pages, the budget is exhausted, figures say when they were measured", async () => {
    const { response } = await evaluateSlos(clock.now(), deps);
    const all = response.slos.find((s) => s.id === "startup-all");
    expect(all).toBeDefined();
    if (!all) return;
    expect(all.budget.remaining.value).not.toBeNull();
    expect(all.budget.remaining.value ?? 1).toBeLessThanOrEqual(0);
    expect(all.exhaustion).toEqual({ status: "exhausted" });
    expect(all.burn.find((b) => b.window === "1h")?.burnRate.value ?? 0).toBeGreaterThan(14.4);
    expect(all.burn.find((b) => b.window === "5m")?.burnRate.stale).toBe(false);
    expect(all.alerts.find((a) => a.rule === "fast-burn")).toMatchObject({ condition: "burning", status: "firing" });
    expect(response.stale).toBe(false);
    expect(response.measuredAt).not.toBeNull();
    expect(Date.parse(all.staleAfter)).toBeGreaterThan(clock.now());
    expect(response.history.filter((h) => h.rule === "fast-burn" && h.slo === "startup-all")).toEqual([
      expect.objectContaining({ from: null, to: "firing" }),
    ]);
  });

  it("recovering: the fast-burn page resolves exactly once", async () => {
    emulator.state.setScenario("recovering");
    for (let i = 0; i < 40; i++) {
      clock.advance(MIN);
      await evaluateSlos(clock.now(), deps);
    }
    const fast = (await recentTransitions(store.db, 100)).filter(
      (t) => t.slo === "startup-all" && t.rule === "fast-burn",
    );
    expect(fast.map((t) => t.to)).toEqual(["resolved", "firing"]);
  });

  it("without the store the figures still stand; alert states are unknown, not resolved", async () => {
    const broken: SloDeps = { ...deps, db: async () => Promise.reject(new Error("store offline")) };
    const { response, transitions } = await evaluateSlos(clock.now(), broken);
    expect(response.alertStore).toBe("unavailable");
    expect(transitions).toBe(0);
    expect(response.history).toEqual([]);
    const all = response.slos.find((s) => s.id === "startup-all");
    expect(all?.attainment.value).not.toBeNull();
    expect(all?.alerts.every((a) => a.status === null)).toBe(true);
  });
});
