import { describe, expect, it } from "vitest";
import { DEFAULT_ALERT_RULES } from "@/lib/config/core/slo/alerts";
import { STARTUP_SLO } from "./testing";
import { evaluateSlo, type CountRead } from "./evaluate";
import { sloResponse, sloResponseFor } from "./view";

const MIN = 60_000;
const END = Date.UTC(2026, 10, 30, 12, 0);
const NOW = END + 30_000;
const DEF = STARTUP_SLO;
const FRESHNESS = {
  measuredAt: new Date(NOW).toISOString(),
  source: "emulator" as const,
  stale: false,
  ageSeconds: 0,
  upstreamError: null,
};

const read = (points: { t: number; good: number; bad: number }[], stale = false, endMs = END): CountRead => ({
  byService: new Map([["backend", points]]),
  endMs,
  stale,
});

describe("sloResponse", () => {
  it("fresh data: figures carry when their data ends and when they turn stale", () => {
    const pts = [{ t: END, good: 9, bad: 1 }];
    const e = evaluateSlo(DEF, { now: NOW, fine: read(pts), coarse: read(pts), rules: DEFAULT_ALERT_RULES });
    const r = sloResponse(FRESHNESS, DEFAULT_ALERT_RULES, [e], [], [], NOW);
    const s = r.slos[0];
    expect(s?.attainment).toEqual({
      value: 0.9,
      measuredAt: new Date(END).toISOString(),
      stale: false,
      ageSeconds: 30,
      staleAfter: new Date(END + 300_000).toISOString(),
    });
    expect(s?.staleAfter).toBe(new Date(END + 300_000).toISOString());
    expect(r.staleAfter).toBe(s?.staleAfter);
    expect(r.stale).toBe(false);
    expect(s?.alerts.map((a) => [a.rule, a.condition, a.status])).toEqual([
      ["fast-burn", "ok", null],
      ["slow-burn", "ok", null],
      ["budget-burn", "burning", null],
    ]);
  });

  it("a stale copy greys every figure and the whole response; no start-ups is unknown, not 100%", () => {
    const e = evaluateSlo(DEF, {
      now: NOW,
      fine: read([], true, END - 10 * MIN),
      coarse: read([]),
      rules: DEFAULT_ALERT_RULES,
    });
    const r = sloResponse(FRESHNESS, DEFAULT_ALERT_RULES, [e], [], [], NOW);
    const s = r.slos[0];
    expect(r.stale).toBe(true);
    expect(s?.budget.remaining).toMatchObject({ value: null, stale: true });
    expect(s?.burn.every((b) => b.burnRate.stale && b.burnRate.value === null)).toBe(true);
    expect(s?.alerts.every((a) => a.condition === "unknown")).toBe(true);
  });

  it("a stale probe SLO greys its own figures, not the start-up response's freshness", () => {
    const pts = [{ t: END, good: 9, bad: 1 }];
    const startups = evaluateSlo(DEF, { now: NOW, fine: read(pts), coarse: read(pts), rules: DEFAULT_ALERT_RULES });
    const probeDef = { ...DEF, id: "probe-x", service: "backend", source: "probes" as const, probes: ["x"] };
    const probe = evaluateSlo(probeDef, {
      now: NOW,
      fine: read(pts, true),
      coarse: read(pts, true),
      rules: DEFAULT_ALERT_RULES,
    });
    const r = sloResponse(FRESHNESS, DEFAULT_ALERT_RULES, [startups, probe], [], [], NOW);
    expect(r.stale).toBe(false);
    expect(r.staleAfter).toBe(new Date(END + 300_000).toISOString());
    const p = r.slos.find((s) => s.id === "probe-x");
    expect(p).toMatchObject({ source: "probes", probes: ["x"], budget: { remaining: { stale: true } } });
    expect(p?.alerts.every((a) => a.condition === "unknown")).toBe(true);
  });
});

describe("sloResponseFor", () => {
  const pts = [{ t: END, good: 9, bad: 1 }];
  const all = evaluateSlo(DEF, { now: NOW, fine: read(pts), coarse: read(pts), rules: DEFAULT_ALERT_RULES });
  const backend = evaluateSlo(
    { ...DEF, id: "startup-backend", service: "backend" },
    { now: NOW, fine: read(pts), coarse: read(pts), rules: DEFAULT_ALERT_RULES },
  );
  const whole = {
    ...sloResponse(FRESHNESS, DEFAULT_ALERT_RULES, [all, backend], [], [], NOW),
    alertStore: "ok" as const,
  };

  it("keeps only the asked service's SLO and the response's freshness (the Overview's card reads 'all')", () => {
    const narrowed = sloResponseFor(whole, "all");
    expect(narrowed.slos.map((s) => s.service)).toEqual(["all"]);
    expect(narrowed.measuredAt).toBe(whole.measuredAt);
    expect(narrowed.stale).toBe(false);
  });

  it("a stale answer stays stale when narrowed; without a service it is the whole answer", () => {
    const stale = {
      ...sloResponse({ ...FRESHNESS, stale: true }, DEFAULT_ALERT_RULES, [all, backend], [], [], NOW),
      alertStore: "unavailable" as const,
    };
    expect(sloResponseFor(stale, "backend").stale).toBe(true);
    expect(sloResponseFor(stale, "backend").alertStore).toBe("unavailable");
    expect(sloResponseFor(whole, undefined)).toBe(whole);
    expect(sloResponseFor(whole, "nosuch").slos).toEqual([]);
  });
});
