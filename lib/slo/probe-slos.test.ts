import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseStagingConfig } from "@/lib/config/staging-config";
import { INITIAL_FLAP_STATE } from "@/lib/probes/core/flap";
import type { AttemptStatus, ProbeResult } from "@/lib/probes/core/types";
import { ProbeRecorder } from "@/lib/probes/store/recorder";
import { openStore, type Store } from "@/lib/store/db";
import { evaluateProbeSlos } from "./probe-slos";
import { sloViewOf } from "./view";

/**
 * Probe and rehearsal SLOs against a real SQLite store seeded through the probes' own recorder:
 * the figures the SLO page shows are exact for known good/total, and stale or missing roll-ups
 * are unknown, never a full budget.
 */

const MIN = 60_000;
const NOW = Date.UTC(2026, 11, 7, 12, 30, 30);
const raw = JSON.parse(fs.readFileSync(path.join(process.cwd(), "staging.config.json"), "utf8")) as object;
const config = parseStagingConfig(
  JSON.stringify({
    ...raw,
    slo: {
      probes: [
        { id: "backend", probes: ["backend-health"], objective: 0.99, windowDays: 28 },
        { id: "demo", probes: ["demo-rehearsal"], objective: 0.95, windowDays: 7, alerting: "four-window" },
        { id: "analytics", probes: ["analytics"] },
      ],
    },
  }),
  "staging.config.json",
  {},
);

function attempt(probe: string, type: "http" | "browser", at: number, status: AttemptStatus): ProbeResult {
  return {
    probe,
    type,
    status,
    checkedAt: new Date(at).toISOString(),
    durationMs: 100,
    failedPhase: status === "up" ? null : "total",
    errorClass: status === "up" ? null : "refused",
    errorMessage: null,
    conditions: [],
    details: {},
    phases: [{ phase: "total", startMs: 0, durationMs: 100 }],
  };
}

let store: Store;
let dir = "";

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sw-probe-slo-"));
  store = await openStore({ sqlitePath: path.join(dir, "s.sqlite") });
  const rec = new ProbeRecorder(store, { now: () => NOW });
  const record = (r: ProbeResult) => rec.record({ result: r, state: INITIAL_FLAP_STATE, change: null });
  // backend-health: one attempt a minute 09:00–12:29 (210), every 10th down (21); one more in the
  // current minute (12:30:10), which keeps the probe fresh but is not yet a whole minute.
  const start = Date.UTC(2026, 11, 7, 9, 0, 0);
  for (let i = 0; i < 210; i++)
    record(attempt("backend-health", "http", start + i * MIN, i % 10 === 0 ? "down" : "up"));
  record(attempt("backend-health", "http", NOW - 20_000, "up"));
  // demo-rehearsal: every 5 min 11:30–12:25 (12 runs), the 4th and 8th failed.
  const rehearsals = Date.UTC(2026, 11, 7, 11, 30, 0);
  for (let k = 0; k < 12; k++)
    record(attempt("demo-rehearsal", "browser", rehearsals + k * 5 * MIN, k === 3 || k === 7 ? "down" : "up"));
  await rec.flush();
});

afterAll(async () => {
  await store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const byId = async (now: number, db: Store["db"] | null = store.db) =>
  new Map((await evaluateProbeSlos(db, config, now)).map((e) => [e.definition.id, sloViewOf(e, [], now)]));

describe("probe and rehearsal SLOs", () => {
  it("a probe SLO: 189 good of 210 attempts against 99%", async () => {
    const backend = (await byId(NOW)).get("probe-backend");
    expect(backend).toMatchObject({
      source: "probes",
      probes: ["backend-health"],
      rehearsal: false,
      counts: { good: 189, bad: 21, total: 210 },
      attainment: { value: 0.9, stale: false },
    });
    // Allowed bad = 1% of 210 = 2.1; 21 used: remaining 1 − 21 ÷ 2.1 = −9 (overspent nine times).
    expect(backend?.budget.allowedBad).toBeCloseTo(2.1, 9);
    expect(backend?.budget.remaining.value).toBeCloseTo(-9, 9);
    // 1 h: 11:30–12:29, 6 of 60 down → 10% ÷ 1% = 10×; over 6 but under 14.4.
    expect(backend?.burn.find((b) => b.window === "1h")).toMatchObject({ bad: 6, total: 60 });
    expect(backend?.burn.find((b) => b.window === "1h")?.burnRate.value).toBeCloseTo(10, 9);
    expect(backend?.alerts.map((a) => [a.rule, a.condition])).toEqual([
      ["fast-burn", "ok"],
      ["slow-burn", "burning"],
      ["budget-burn", "burning"],
    ]);
  });

  it("the rehearsal SLO: 10 good of 12 runs against 95%, with the four-window set scaled to 7 days", async () => {
    const demo = (await byId(NOW)).get("probe-demo");
    expect(demo).toMatchObject({
      rehearsal: true,
      alerting: "four-window",
      counts: { good: 10, bad: 2, total: 12 },
      attainment: { stale: false },
    });
    expect(demo?.attainment.value).toBeCloseTo(10 / 12, 9);
    // Allowed 5% of 12 = 0.6 bad; 2 used: remaining 1 − 2 ÷ 0.6.
    expect(demo?.budget.remaining.value).toBeCloseTo(1 - 2 / 0.6, 9);
    expect(demo?.rules.map((r) => `${r.id} ${r.long}/${r.short}`)).toEqual([
      "fast-burn 15m/1m",
      "slow-burn 90m/8m",
      "day-burn 6h/30m",
      "budget-burn 18h/90m",
    ]);
  });

  it("stale roll-ups: figures are marked stale and every rule is unknown, never ok", async () => {
    const later = NOW + 2 * 60 * MIN;
    const backend = (await byId(later)).get("probe-backend");
    expect(backend?.budget.remaining.stale).toBe(true);
    expect(backend?.attainment.stale).toBe(true);
    expect(backend?.alerts.every((a) => a.condition === "unknown")).toBe(true);
  });

  it("missing roll-ups (a probe that never ran, or no store): unknown, never a full budget", async () => {
    const analytics = (await byId(NOW)).get("probe-analytics");
    expect(analytics?.counts.total).toBe(0);
    expect(analytics?.attainment.value).toBeNull();
    expect(analytics?.budget.remaining.value).toBeNull();
    expect(analytics?.alerts.every((a) => a.condition === "unknown")).toBe(true);
    const noStore = await byId(NOW, null);
    for (const slo of noStore.values()) {
      expect(slo.budget.remaining.value).toBeNull();
      expect(slo.budget.remaining.stale).toBe(true);
    }
  });
});
