import { describe, expect, it } from "vitest";
import { DEFAULT_ALERT_RULES } from "@/lib/config/core/slo/alerts";
import type { CountPoint } from "@/lib/slo/core/budget";
import type { MaintenanceWindow } from "@/lib/config/core/maintenance/types";
import { evaluateSlo, type CountRead } from "./evaluate";

/** `excludeMaintenance`: maintenance minutes of the SLO's scope leave its budget, with exact figures. */

const MIN = 60_000;
const HOUR = 60 * MIN;
const END = Date.UTC(2026, 11, 7, 10, 0);
const NOW = END + 30_000;
const HOURS = 28 * 24;

// Every hour 100 good start-ups of backend, except two hours of 100 bad ones (3 h and 10 h ago).
const BAD = new Set([3, 10]);
const hourly: CountPoint[] = Array.from({ length: HOURS }, (_, i) => ({
  t: END - i * HOUR,
  good: BAD.has(i) ? 0 : 100,
  bad: BAD.has(i) ? 100 : 0,
}));
const minutes: CountPoint[] = Array.from({ length: 360 }, (_, i) => ({ t: END - i * MIN, good: 2, bad: 0 }));
const read = (points: CountPoint[]): CountRead => ({
  byService: new Map([["backend", points]]),
  endMs: END,
  stale: false,
});

const window = (scope: MaintenanceWindow["scope"], from: number, to: number): MaintenanceWindow => ({
  id: `${scope}-${from}`,
  scope,
  reason: "Connector migration",
  startsAt: from,
  endsAt: to,
  createdBy: "engineer",
  source: "api",
  recurrence: null,
  endedEarly: null,
});
// The whole bad hour 10 h ago — the period (END − 11 h, END − 10 h] — and the later half of the one 3 h ago.
const windows = [
  window("service:backend", END - 11 * HOUR, END - 10 * HOUR),
  window("everything", END - 4 * HOUR + 30 * MIN, END - 3 * HOUR),
];

const evaluate = (
  excludeMaintenance: boolean,
  service = "backend",
  maintenance: MaintenanceWindow[] | null = windows,
) =>
  evaluateSlo(
    {
      id: `startup-${service}`,
      service,
      objective: 0.95,
      windowDays: 28,
      alerting: "workbook",
      source: "startups",
      excludeMaintenance,
    },
    { now: NOW, fine: read(minutes), coarse: read(hourly), rules: DEFAULT_ALERT_RULES, maintenance },
  );

describe("an SLO that excludes maintenance", () => {
  it("off (the default): every minute counts", () => {
    const f = evaluate(false).figures;
    expect(f.counts.total).toBe(67_200);
    expect(f.budget.usedBad).toBe(200);
    expect(f.budget.allowedBad).toBeCloseTo(3_360, 9);
    expect(f.budget.remaining).toBeCloseTo(1 - 200 / 3_360, 12);
    expect(evaluate(false).maintenanceMinutes).toBe(90);
  });

  it("on: the hour in maintenance and half of the other leave the counts and the budget", () => {
    const e = evaluate(true);
    expect(e.figures.counts.total).toBe(67_200 - 100 - 50);
    expect(e.figures.budget.usedBad).toBe(50);
    expect(e.figures.budget.allowedBad).toBeCloseTo(0.05 * 67_050, 9);
    expect(e.figures.budget.remaining).toBeCloseTo(1 - 50 / 3_352.5, 12);
    expect(e.maintenanceMinutes).toBe(90);
  });

  it("only windows of its scope count: a service's window does not touch another service's SLO", () => {
    const other = evaluate(true, "auth");
    expect(other.maintenanceMinutes).toBe(30); // only the "everything" half hour
  });

  it("without windows it reads as off, and unreadable windows are said to be unknown", () => {
    expect(evaluate(true, "backend", []).figures.budget.usedBad).toBe(200);
    const unknown = evaluate(true, "backend", null);
    expect(unknown.figures.budget.usedBad).toBe(200);
    expect(unknown.maintenanceMinutes).toBeNull();
  });
});
