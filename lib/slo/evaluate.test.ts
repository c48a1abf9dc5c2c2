import { describe, expect, it } from "vitest";
import { alertRulesFor } from "@/lib/config/core/slo/alert-sets";
import { DEFAULT_ALERT_RULES } from "@/lib/config/core/slo/alerts";
import type { CountPoint } from "@/lib/slo/core/budget";
import { STARTUP_SLO } from "./testing";
import { evaluateSlo, overallCounts, type CountRead } from "./evaluate";
import { DAY_MS } from "@/lib/core/slo-windows";

const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = Date.UTC(2026, 10, 30, 12, 0, 30);
const FINE_END = Date.UTC(2026, 10, 30, 12, 0);
const COARSE_END = Date.UTC(2026, 10, 30, 12, 0);
const DEF = STARTUP_SLO;

function pts(end: number, periodMs: number, n: number, good: number, bad: number): CountPoint[] {
  return Array.from({ length: n }, (_, i) => ({ t: end - i * periodMs, good, bad }));
}

function read(
  periodMs: number,
  end: number,
  n: number,
  perService: Record<string, [number, number]>,
  stale = false,
): CountRead {
  return {
    byService: new Map(Object.entries(perService).map(([s, [g, b]]) => [s, pts(end, periodMs, n, g, b)])),
    endMs: end,
    stale,
  };
}

const outage = (fineStale = false, coarseStale = false, fineEnd = FINE_END) => ({
  now: NOW,
  fine: read(MIN, fineEnd, 360, { backend: [0, 5], auth: [0, 3] }, fineStale),
  coarse: read(HOUR, COARSE_END, 28 * 24, { backend: [0, 300], auth: [0, 180] }, coarseStale),
  rules: DEFAULT_ALERT_RULES,
});

describe("evaluateSlo", () => {
  it("fresh outage data: every rule burning", () => {
    const e = evaluateSlo(DEF, outage());
    expect(e.conditions.map((c) => c.condition)).toEqual(["burning", "burning", "burning"]);
    expect(e.figures.burn["5m"].total).toBe(40);
  });

  it("a stale fine read makes the short-window rules unknown, never ok", () => {
    const e = evaluateSlo(DEF, outage(true));
    expect(e.windowStale).toMatchObject({ "5m": true, "30m": true, "1h": true, "6h": true, "24h": true, "3d": true });
    expect(e.conditions.map((c) => c.condition)).toEqual(["unknown", "unknown", "unknown"]);
  });

  it("data that ends too long ago is stale even when the cache calls it fresh", () => {
    const e = evaluateSlo(DEF, outage(false, false, FINE_END - 10 * MIN));
    expect(e.fine.stale).toBe(true);
    expect(e.fine.staleAfter).toBe(FINE_END - 10 * MIN + 300_000);
    expect(e.conditions[0]?.condition).toBe("unknown");
  });

  it("a service with no data is unknown; 'all' is the sum of services", () => {
    const e = evaluateSlo({ ...DEF, id: "startup-nosuch", service: "nosuch" }, outage());
    expect(e.figures.attainment).toBeNull();
    expect(e.figures.budget.remaining).toBeNull();
    expect(e.conditions.map((c) => c.condition)).toEqual(["unknown", "unknown", "unknown"]);
    const sum = overallCounts(
      new Map([
        ["a", [{ t: 1, good: 1, bad: 2 }]],
        [
          "b",
          [
            { t: 1, good: 3, bad: 4 },
            { t: 2, good: 1, bad: 0 },
          ],
        ],
      ]),
    );
    expect(sum).toEqual([
      { t: 1, good: 4, bad: 6 },
      { t: 2, good: 1, bad: 0 },
    ]);
  });

  it("the SLO window comes from the definition", () => {
    const e = evaluateSlo({ ...DEF, windowDays: 7 }, outage());
    expect(e.figures.sloWindowMs).toBe(7 * DAY_MS);
    expect(e.figures.counts.total).toBe(7 * 24 * 480);
  });

  it("a four-window SLO scaled to 30 days reads its own windows from the same two reads", () => {
    const def = { ...DEF, windowDays: 30, alerting: "four-window" as const };
    const outage30 = {
      now: NOW,
      fine: read(MIN, FINE_END, 360, { backend: [0, 5], auth: [0, 3] }),
      coarse: read(HOUR, COARSE_END, 30 * 24, { backend: [0, 300], auth: [0, 180] }),
      rules: alertRulesFor("four-window", 30),
    };
    const e = evaluateSlo(def, outage30);
    expect(e.conditions.map((c) => [c.rule.id, c.rule.long, c.rule.short, c.condition])).toEqual([
      ["fast-burn", "64m", "5m", "burning"],
      ["slow-burn", "6h", "32m", "burning"],
      ["day-burn", "26h", "129m", "burning"],
      ["budget-burn", "77h", "6h", "burning"],
    ]);
    // 64 minutes of 8 bad start-ups a minute from the per-minute read; 77 hours of 480 from the hourly one.
    expect(e.figures.extraBurn["64m"]?.total).toBe(64 * 8);
    expect(e.figures.extraBurn["64m"]?.burnRate).toBeCloseTo(20, 9);
    expect(e.figures.extraBurn["77h"]?.total).toBe(77 * 480);
    expect(e.figures.extraBurn["77h"]?.burnRate).toBeCloseTo(20, 9);
    // A stale hourly read makes the long windows unknown: the tickets neither fire nor resolve.
    const stale = evaluateSlo(def, { ...outage30, coarse: { ...outage30.coarse, stale: true } });
    expect(stale.windowStale["26h"]).toBe(true);
    expect(stale.conditions.map((c) => c.condition)).toEqual(["burning", "burning", "unknown", "unknown"]);
    // Missing data: no start-ups at all is unknown for every rule, never "ok".
    const none = evaluateSlo({ ...def, service: "nosuch" }, outage30);
    expect(none.conditions.map((c) => c.condition)).toEqual(["unknown", "unknown", "unknown", "unknown"]);
  });
});
