import { describe, expect, it } from "vitest";
import type { ReadinessCheckInput } from "./types";
import type { BudgetGate } from "@/lib/slo/core/budget-gate";
import { demoVerdict } from "./verdict";

const NOW = new Date("2026-12-07T12:00:00.000Z");
const ago = (s: number) => NOW.getTime() - s * 1_000;

const check = (result: "pass" | "fail", severity: "blocker" | "warning" = "blocker"): ReadinessCheckInput => ({
  id: `c-${result}`,
  label: `Check ${result}`,
  severity,
  maxAgeSeconds: 120,
  evaluation: {
    result,
    measured: "x",
    window: null,
    evaluatedAt: NOW.toISOString(),
    measuredAt: new Date(ago(30)).toISOString(),
    terms: [],
  },
});

const gate = (over: Partial<BudgetGate> = {}): BudgetGate => ({
  sloId: "startup-all",
  label: "start-ups of all services",
  windowDays: 28,
  remaining: 0.4,
  stale: false,
  measuredAt: ago(60),
  ...over,
});

const verdictWith = (gates: BudgetGate[], checks = [check("pass")]) => demoVerdict(checks, NOW, { budgetGates: gates });
const gateReason = (v: ReturnType<typeof demoVerdict>) => v.reasons.find((r) => r.checkId === "slo-budget:startup-all");

describe("the error-budget policy on demo readiness", () => {
  it("a budget left keeps GO, and says how much", () => {
    const v = verdictWith([gate()]);
    expect(v.verdict).toBe("GO");
    expect(gateReason(v)).toMatchObject({
      status: "pass",
      text: "Error budget of start-ups of all services: 40% of 28 days left.",
    });
  });

  it("an exhausted budget makes a GO at least CAUTION, in the policy's words", () => {
    const v = verdictWith([gate({ remaining: -0.03 })]);
    expect(v.verdict).toBe("CAUTION");
    expect(gateReason(v)).toMatchObject({
      status: "fail",
      severity: "warning",
      text: "error budget of start-ups of all services exhausted (−3% of 28 days)",
    });
    // Exactly spent is exhausted too.
    expect(verdictWith([gate({ remaining: 0 })]).verdict).toBe("CAUTION");
  });

  it("a gate never lifts a NO-GO, and never makes one by itself", () => {
    expect(verdictWith([gate({ remaining: -1 })], [check("fail")]).verdict).toBe("NO-GO");
    expect(verdictWith([gate()], [check("fail")]).verdict).toBe("NO-GO");
  });

  it("a stale budget is not confirmed: CAUTION, never GO on its strength", () => {
    const v = verdictWith([gate({ stale: true, measuredAt: ago(3_600) })]);
    expect(v.verdict).toBe("CAUTION");
    expect(gateReason(v)).toMatchObject({ status: "stale", evidenceAge: 3_600 });
    expect(gateReason(v)?.text).toBe(
      "Error budget of start-ups of all services: not confirmed — the last figure is 1 hour old.",
    );
  });

  it("a missing budget says unknown: CAUTION, never GO", () => {
    const v = verdictWith([gate({ remaining: null, stale: true, measuredAt: null })]);
    expect(v.verdict).toBe("CAUTION");
    expect(gateReason(v)).toMatchObject({ status: "unknown", evidenceAge: null });
    expect(gateReason(v)?.text).toMatch(/^Error budget of start-ups of all services: unknown/);
  });

  it("with no readiness checks, a budget left alone confirms nothing", () => {
    const v = verdictWith([gate()], []);
    expect(v.verdict).toBe("CAUTION");
    expect(v.summary).toBe("No readiness checks are configured, so nothing is confirmed.");
  });
});
