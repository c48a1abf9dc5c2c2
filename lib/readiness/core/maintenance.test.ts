import { describe, expect, it } from "vitest";
import type { MaintenanceNote } from "@/lib/config/core/maintenance/types";
import type { Evaluation } from "@/lib/criteria/core/types";
import { demoVerdict } from "./verdict";
import type { CheckStatus, ReadinessCheckInput, Verdict } from "./types";
import type { BudgetGate } from "@/lib/slo/core/budget-gate";

/** Readiness in maintenance: never GO, never hiding a NO-GO; stale and missing evidence stay what they were. */

const NOW = new Date("2026-12-07T10:00:00.000Z");
const ago = (s: number) => new Date(NOW.getTime() - s * 1_000).toISOString();

function evaluation(given: CheckStatus | "missing"): Evaluation | null {
  if (given === "missing") return null;
  const base = { measured: "x", window: null, evaluatedAt: NOW.toISOString(), terms: [] };
  if (given === "unknown") return { ...base, result: "unknown", measured: "no data", measuredAt: null };
  if (given === "stale") return { ...base, result: "pass", measuredAt: ago(600) };
  return { ...base, result: given, measuredAt: ago(30) };
}
const check = (given: CheckStatus | "missing"): ReadinessCheckInput => ({
  id: "a",
  label: "Check a",
  severity: "blocker",
  evaluation: evaluation(given),
  maxAgeSeconds: 120,
});

const note: MaintenanceNote = {
  id: "w",
  scope: "probe:backend-health",
  reason: "Connector migration",
  startsAt: "2026-12-07T09:30:00.000Z",
  endsAt: "2026-12-07T10:30:00.000Z",
};

describe("demoVerdict with maintenance", () => {
  it.each<[CheckStatus | "missing", readonly MaintenanceNote[] | null | undefined, Verdict]>([
    ["pass", undefined, "GO"],
    ["pass", [], "GO"],
    ["pass", [note], "CAUTION"],
    ["pass", null, "CAUTION"], // not knowing whether there is maintenance is no GO either
    ["fail", [note], "NO-GO"],
    ["fail", undefined, "NO-GO"],
    ["stale", [note], "CAUTION"],
    ["stale", [], "CAUTION"],
    ["unknown", [note], "CAUTION"],
    ["missing", [note], "CAUTION"],
    ["missing", [], "CAUTION"],
  ])("%s with %j → %s", (given, maintenance, verdict) => {
    const v = demoVerdict([check(given)], NOW, maintenance === undefined ? {} : { maintenance });
    expect(v.verdict).toBe(verdict);
    // The check's own status is never rewritten by the window.
    expect(v.reasons[0]?.status).toBe(given === "missing" ? "unknown" : given);
  });

  it("says when planned work ends, without its internal reason (the share view shows the summary)", () => {
    const v = demoVerdict([check("pass")], NOW, { maintenance: [note] });
    expect(v.summary).toBe(
      "Demo possible, with risk: read the reasons below before the call. Staging is in planned maintenance until 10:30 UTC.",
    );
    expect(v.maintenance).toEqual([note]);
  });
});

describe("demoVerdict with maintenance and a gatesDemos budget (the stricter wins)", () => {
  const gate = (remaining: number | null, stale = false): BudgetGate => ({
    sloId: "probe-rehearsal",
    label: "demo rehearsal",
    windowDays: 28,
    remaining,
    stale,
    measuredAt: remaining === null ? null : NOW.getTime() - 60_000,
  });
  const budgetStatus = (v: ReturnType<typeof demoVerdict>) =>
    v.reasons.find((r) => r.checkId === "slo-budget:probe-rehearsal")?.status;

  it.each<[string, CheckStatus, BudgetGate, readonly MaintenanceNote[] | null | undefined, Verdict, CheckStatus]>([
    ["budget left, no maintenance", "pass", gate(0.4), [], "GO", "pass"],
    ["budget left, in maintenance", "pass", gate(0.4), [note], "CAUTION", "pass"],
    ["budget spent, no maintenance", "pass", gate(-0.1), [], "CAUTION", "fail"],
    ["budget spent, in maintenance", "pass", gate(-0.1), [note], "CAUTION", "fail"],
    ["budget unknown, in maintenance", "pass", gate(null), [note], "CAUTION", "unknown"],
    ["budget stale, windows unreadable", "pass", gate(0.4, true), null, "CAUTION", "stale"],
    ["a failing blocker stays NO-GO", "fail", gate(-0.1), [note], "NO-GO", "fail"],
  ])("%s", (_, given, g, maintenance, verdict, budget) => {
    const v = demoVerdict([check(given)], NOW, {
      budgetGates: [g],
      ...(maintenance !== undefined ? { maintenance } : {}),
    });
    expect(v.verdict).toBe(verdict);
    // Unknown stays unknown (and stale stale): maintenance never turns the budget's evidence into anything else.
    expect(budgetStatus(v)).toBe(budget);
    if (maintenance !== undefined && (maintenance === null || maintenance.length > 0))
      expect(v.summary).toMatch(/maintenance/);
  });

  it("budget gates with no checks: nothing confirmed, and the summary says so", () => {
    const v = demoVerdict([], NOW, { budgetGates: [gate(0.4)], maintenance: [note] });
    expect(v.verdict).toBe("CAUTION");
    expect(v.summary).toMatch(/^No readiness checks are configured/);
  });
});
