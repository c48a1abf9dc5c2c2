import { describe, expect, it } from "vitest";
import type { EvalResult, Evaluation } from "@/lib/criteria/core/types";
import { CRITERIA_MET_TEXT, NO_CRITERIA_TEXT, summarizeCriteria, type CriteriaState } from "./criteria-state";
import { NOW, evaluation, minutesAgo, phase } from "./testing";
import type { CriterionHistoryEntry, TrackerCriterion } from "./types";

const A: TrackerCriterion = {
  id: "a",
  text: "Start-ups succeed",
  expr: "startup_success_rate(all, 1h) > 0.95",
  holdFor: "30m",
};
const B: TrackerCriterion = { id: "b", text: "Backend is up", expr: 'probe_status("backend-health") == "up"' };

/** a passed for the last 40 minutes (every 10), so its 30 min hold is met when it passes now. */
const HELD: CriterionHistoryEntry[] = [40, 30, 20, 10].map((m) => ({
  criterionId: "a",
  result: "pass",
  at: minutesAgo(m),
}));

function summary(a: EvalResult | null, b: EvalResult | null, history = HELD) {
  const evaluations: Record<string, Evaluation | undefined> = {};
  if (a) evaluations.a = evaluation(a);
  if (b) evaluations.b = evaluation(b, b === "fail" ? { measured: "down" } : {});
  return summarizeCriteria(phase({ id: "p", successCriteria: [A, B] }), evaluations, history, NOW);
}

describe("summarizeCriteria", () => {
  it.each<[EvalResult | null, EvalResult | null, CriteriaState]>([
    ["pass", "pass", "met"],
    ["pass", "fail", "failing"],
    ["fail", "pass", "failing"],
    ["fail", "unknown", "failing"],
    ["unknown", "pass", "unknown"],
    ["pass", "unknown", "unknown"],
    ["pass", null, "unknown"],
    [null, null, "unknown"],
  ])("a %s, b %s → %s", (a, b, state) => {
    expect(summary(a, b).state).toBe(state);
  });

  it("says criteria met — ready to close only when all pass and have held", () => {
    expect(summary("pass", "pass").text).toBe(CRITERIA_MET_TEXT);
    const recent = summary("pass", "pass", [
      { criterionId: "a", result: "fail", at: minutesAgo(13) },
      { criterionId: "a", result: "pass", at: minutesAgo(12) },
    ]);
    expect(recent.state).toBe("holding");
    expect(recent.text).toBe("criteria pass — must hold 18 min more (hold time 30m)");
  });

  it("names failing criteria with the measured value", () => {
    expect(summary("fail", "fail").text).toBe(
      "failing: Start-ups succeed (measured 40%); Backend is up (measured down)",
    );
  });

  it("names unknown criteria with why", () => {
    expect(summary("pass", null).text).toBe("unknown: Backend is up (not evaluated yet)");
    expect(summary("unknown", "pass").text).toBe("unknown: Start-ups succeed (startup_success_rate(all, 1h): no data)");
  });

  it("a phase with no success criteria is never met", () => {
    const s = summarizeCriteria(phase({ id: "p" }), {}, [], NOW);
    expect(s).toEqual({ state: "no-criteria", text: NO_CRITERIA_TEXT, criteria: [] });
    expect(NO_CRITERIA_TEXT).toBe("no success criteria defined");
  });

  it("a bad hold time keeps the phase holding and says why", () => {
    const s = summarizeCriteria(
      phase({ id: "p", successCriteria: [{ ...A, holdFor: "soon" }] }),
      { a: evaluation("pass") },
      HELD,
      NOW,
    );
    expect(s.state).toBe("holding");
    expect(s.text).toBe('criteria pass, but hold time "soon" is not a duration such as 30m');
  });
});
