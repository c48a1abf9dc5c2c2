import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ProbeConfig } from "@/lib/config/core/staging-schema";
import type { ProbeResult } from "@/lib/probes/core/types";
import { probeConfig } from "@/lib/probes/testing";
import { stateRows } from "@/lib/probes/store/queries";
import { openStore, type Store } from "@/lib/store/db";
import { ProbeEngine } from "./engine";

/**
 * Confirm on failure through the whole engine (scheduler → flap control → recorder → store),
 * on fake timers: a target starts failing at `failAt`; when does its stored state say down?
 */
const ATTEMPT_MS = 200;
const START = Date.UTC(2026, 11, 7);

function result(cfg: ProbeConfig, up: boolean): ProbeResult {
  return {
    probe: cfg.name,
    type: cfg.type,
    status: up ? "up" : "down",
    checkedAt: new Date().toISOString(),
    durationMs: ATTEMPT_MS,
    phases: [],
    failedPhase: null,
    errorClass: up ? null : "http-status",
    errorMessage: up ? null : "503",
    conditions: [],
    details: {},
  };
}

describe("confirm on failure (engine, fake timers)", () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({
      sqlitePath: path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sw-confirm-")), "s.sqlite"),
    });
  });
  afterAll(async () => store?.close());
  beforeEach(() =>
    vi.useFakeTimers({ now: START, toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] }),
  );
  afterEach(() => vi.useRealTimers());

  /** Seconds from the target starting to fail, and from its first failing attempt, to a stored "down". */
  async function timeToDown(name: string, flap: Record<string, unknown>, intervalSeconds: number, failAfterS: number) {
    await store.db.deleteFrom("probe_state").where("probe", "=", name).execute();
    const failAt = Date.now() + failAfterS * 1000;
    let firstFailure: number | null = null;
    const run = async (cfg: ProbeConfig) => {
      const started = Date.now();
      await new Promise((r) => setTimeout(r, ATTEMPT_MS));
      const up = started < failAt;
      if (!up) firstFailure ??= Date.now();
      return result(cfg, up);
    };
    const engine = await ProbeEngine.create(store, {
      secrets: { pgUser: "postgres" },
      concurrency: 4,
      retentionDays: { raw: 7, minute: 90 },
      flushMs: 10,
      run,
    });
    const cfg = probeConfig({
      name,
      type: "http",
      url: "http://127.0.0.1:9/health",
      goldenPath: true,
      intervalSeconds,
      flap,
    });
    engine.setTargets([cfg]);
    engine.start();
    let downAt: number | null = null;
    for (let t = 0; t < (failAfterS + 4 * intervalSeconds) * 4 && downAt === null; t++) {
      await vi.advanceTimersByTimeAsync(250);
      if ((await stateRows(store.db, [name])).get(name)?.status === "down") downAt = Date.now();
    }
    await engine.stop();
    if (downAt === null || firstFailure === null) throw new Error(`${name} never went down`);
    return { fromStart: (downAt - failAt) / 1000, fromFirstFailure: (downAt - firstFailure) / 1000 };
  }

  it("a golden-path probe is down seconds after its first failure, whatever its interval", async () => {
    const flap = { failAfter: 2, recoverAfter: 2 };
    const runs: { interval: number; fromStart: number; fromFirstFailure: number }[] = [];
    for (const interval of [15, 300]) {
      // The target starts failing at several points of the probe's cycle (the first run is spread over ≤ 60 s).
      for (const offset of [61, 67.3, 74.9])
        runs.push({
          interval,
          ...(await timeToDown(`p${interval}-${Math.round(offset * 10)}`, flap, interval, offset)),
        });
    }
    // One re-check 3 s after the failing attempt: 3 s + one attempt + the recorder's flush (+ the 250-ms poll).
    for (const r of runs) expect(r.fromFirstFailure).toBeLessThanOrEqual(3 + ATTEMPT_MS / 1000 + 0.5);
    const worst = (interval: number) =>
      Math.max(...runs.filter((r) => r.interval === interval).map((r) => r.fromFirstFailure));
    expect(Math.abs(worst(15) - worst(300))).toBeLessThan(0.5);
    // From the target failing: at most one interval to notice, then the same few seconds.
    for (const r of runs) expect(r.fromStart).toBeLessThanOrEqual(r.interval + 3 + 2 * (ATTEMPT_MS / 1000) + 0.5);
  });

  it("without re-checks the second failure waits a whole interval (what confirm on failure removes)", async () => {
    const r = await timeToDown("no-recheck", { failAfter: 2, recoverAfter: 2, recheckSeconds: 0 }, 300, 61);
    expect(r.fromFirstFailure).toBeGreaterThan(250);
  });
});
