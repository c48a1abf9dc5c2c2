import { describe, expect, it } from "vitest";
import type { SloDefinition } from "@/lib/config/core/slo/config";
import { budgetGateOf } from "./gates";
import type { SloView } from "./schemas";

const def: SloDefinition = {
  id: "probe-rehearsal",
  service: "probe-rehearsal",
  objective: 0.95,
  windowDays: 28,
  alerting: "workbook",
  source: "probes",
  probes: ["demo-rehearsal"],
  rehearsal: true,
  gatesDemos: true,
  excludeMaintenance: false,
};
const at = "2026-12-07T12:00:00.000Z";
const viewWith = (value: number | null, stale: boolean) =>
  ({ budget: { remaining: { value, stale, measuredAt: value === null ? null : at } } }) as unknown as SloView;

describe("budget gates from the SLO view", () => {
  it("carries the remaining share, its freshness and when it was measured", () => {
    expect(budgetGateOf(def, viewWith(-0.03, false))).toEqual({
      sloId: "probe-rehearsal",
      label: "the demo rehearsal",
      windowDays: 28,
      remaining: -0.03,
      stale: false,
      measuredAt: Date.parse(at),
    });
    expect(budgetGateOf(def, viewWith(0.5, true))).toMatchObject({ remaining: 0.5, stale: true });
  });

  it("no view (the SLOs could not be evaluated) is an unknown, stale budget — never a full one", () => {
    expect(budgetGateOf(def, undefined)).toMatchObject({ remaining: null, stale: true, measuredAt: null });
    expect(budgetGateOf({ ...def, source: "startups", service: "all" }, undefined).label).toBe(
      "start-ups of all services",
    );
  });
});
