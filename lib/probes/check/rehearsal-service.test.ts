import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeSchema, type BrowserProbeConfig } from "@/lib/config/core/staging-schema";
import { ProbeEngine } from "@/lib/probes/schedule/engine";
import { lastResult, probeDetail } from "@/lib/probes/view/detail";
import { stateRows } from "@/lib/probes/store/queries";
import type { ProbeSummary } from "@/lib/probes/core/types";
import { openStore, type Store } from "@/lib/store/db";
import { BrowserHost } from "@/lib/rehearsal/browser-host";
import { pruneRuns, readScreenshot, recentRuns, screenshotFile } from "@/lib/rehearsal/evidence";
import { RehearsalService } from "./rehearsal-service";
import { startTestSite, waitForNoProcesses, type TestSite } from "@/lib/rehearsal/testing";

/** The rehearsal as a normal probe: real Chromium, a real SQLite store, the real engine. */

let site: TestSite;
let store: Store;
let dir: string;

beforeAll(async () => {
  site = await startTestSite();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sw-rehearsal-"));
  store = await openStore({ sqlitePath: path.join(tmp, "s.sqlite") });
  dir = path.join(tmp, "rehearsals");
});
afterAll(async () => {
  await store.close();
  await site.close();
});

function journey(name: string, text: string): BrowserProbeConfig {
  const cfg = probeSchema.parse({
    name,
    type: "browser",
    goldenPath: true,
    flap: { failAfter: 1, recoverAfter: 1 },
    steps: [
      { action: "goto", url: `${site.url}/` },
      { action: "fill", selector: "#password", secret: "REHEARSAL_PW" },
      { action: "click", selector: "button[type=submit]" },
      { action: "expectUrl", path: "/dashboard" },
      { action: "expectText", selector: "#live", text, timeoutMs: 1500 },
    ],
  });
  if (cfg.type !== "browser") throw new Error("not a browser probe");
  return cfg;
}

/** The probe engine on the test's store, its browser probes run by `service`. */
const engineWith = (service: RehearsalService) =>
  ProbeEngine.create(store, {
    secrets: { pgUser: "postgres" },
    concurrency: 2,
    retentionDays: { raw: 7, minute: 90 },
    flushMs: 10,
    runBrowser: (c) => service.run(c),
  });

describe("rehearsals through the probe engine", () => {
  it("records a passing run as up with step phases, and its evidence with the end screenshot; a failing one as down with the failure screenshot", async () => {
    const host = new BrowserHost({ executablePath: "/usr/bin/chromium" });
    const service = new RehearsalService({
      db: store.db,
      dir,
      host,
      secrets: { REHEARSAL_PW: "pw-123" },
      retentionDays: 7,
    });
    const engine = await engineWith(service);
    const good = journey("demo", "42");
    engine.setTargets([good]);
    const [passed] = await engine.runNow(["demo"]);
    expect(passed).toMatchObject({
      probe: "demo",
      type: "browser",
      status: "up",
      failedPhase: null,
      errorMessage: null,
    });
    expect(passed?.phases.map((p) => p.phase)).toEqual(["step-1", "step-2", "step-3", "step-4", "step-5", "total"]);
    expect((await stateRows(store.db, ["demo"])).get("demo")?.status).toBe("up");
    const [run] = await recentRuns(store.db, "demo");
    expect(run).toMatchObject({ status: "passed", failedStep: null, screenshots: ["end"] });
    expect(passed?.details.runId).toBe(run?.id);
    const png = await readScreenshot(store.db, dir, run?.id ?? "", "end");
    expect(png?.subarray(1, 4).toString()).toBe("PNG");
    expect(await readScreenshot(store.db, dir, run?.id ?? "", "failure")).toBeNull();

    engine.setTargets([journey("demo", "nope")]);
    const [failed] = await engine.runNow(["demo"]);
    expect(failed).toMatchObject({ status: "down", failedPhase: "step-5", errorClass: "step-failed" });
    expect(failed?.errorMessage).toMatch(/^Step 5 "expectText #live "nope"" failed/);
    expect((await stateRows(store.db, ["demo"])).get("demo")?.status).toBe("down");
    expect((await lastResult(store.db, good))?.details).toMatchObject({ steps: 5, passedSteps: 4, failedStep: 5 });
    // Per-step latency over 24 h from the roll-ups: the passing run completed all five, the failing one four.
    const detail = await probeDetail(store.db, good, { name: "demo" } as ProbeSummary, Date.now());
    expect(detail.phases24h.map((p) => [p.phase, p.n])).toEqual([
      ["step-1", 2],
      ["step-2", 2],
      ["step-3", 2],
      ["step-4", 2],
      ["step-5", 1],
      ["total", 1],
    ]);
    const runs = await recentRuns(store.db, "demo");
    expect(runs.map((r) => r.status)).toEqual(["failed", "passed"]);
    expect(runs[0]?.screenshots).toEqual(["failure"]);
    const pid = host.pid();
    await engine.stop();
    await service.close();
    if (pid) expect(await waitForNoProcesses(pid)).toEqual([]);

    // Retention: rows and files go together.
    const file = screenshotFile(dir, runs[1]?.id ?? "", "end");
    expect(fs.existsSync(file)).toBe(true);
    expect(await pruneRuns(store.db, dir, Date.now() + 1)).toBe(2);
    expect(fs.existsSync(file)).toBe(false);
    expect(await recentRuns(store.db, "demo")).toEqual([]);
  }, 90_000);

  it("without a browser records an unknown run and no probe result, so the probe stays unknown", async () => {
    const service = new RehearsalService({
      db: store.db,
      dir,
      host: new BrowserHost({ executablePath: "/nonexistent/chromium" }),
      secrets: {},
      retentionDays: 7,
    });
    const engine = await engineWith(service);
    engine.setTargets([journey("nobrowser", "42")]);
    expect(await engine.runNow(["nobrowser"])).toEqual([]);
    expect((await stateRows(store.db, ["nobrowser"])).get("nobrowser")).toBeUndefined();
    const [run] = await recentRuns(store.db, "nobrowser");
    expect(run).toMatchObject({ status: "unknown", screenshots: [] });
    expect(run?.error).toMatch(/No browser to rehearse with/);
    await engine.stop();
  });

  it("never serves a path outside the rehearsal folder", () => {
    expect(() => screenshotFile(dir, "../../etc", "passwd")).toThrow();
    expect(() => screenshotFile(dir, "00000000-0000-0000-0000-000000000000", "../x")).toThrow();
  });
});
