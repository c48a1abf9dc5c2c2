import { describe, expect, it } from "vitest";
import type { EvalResult } from "@/lib/criteria/core/types";
import { summarizeCriteria } from "./criteria-state";
import { decidePhase, type PhaseDecision } from "./decide";
import { NOW, evaluation, minutesAgo, phase } from "./testing";
import type { CriterionHistoryEntry, PhaseStatus, TrackerPhase } from "./types";

const CRITERION = {
  id: "startup-success",
  text: "Staging achieves >95% startup success rate",
  expr: "startup_success_rate(all, 1h) > 0.95",
  holdFor: "30m",
};
const HELD: CriterionHistoryEntry[] = [40, 30, 20, 10].map((m) => ({
  criterionId: CRITERION.id,
  result: "pass",
  at: minutesAgo(m),
}));
const FRESH: CriterionHistoryEntry[] = [{ criterionId: CRITERION.id, result: "fail", at: minutesAgo(6) }];

function decide(
  p: TrackerPhase,
  result: EvalResult,
  history: CriterionHistoryEntry[],
  others: TrackerPhase[] = [],
): PhaseDecision {
  const summary = summarizeCriteria(p, { [CRITERION.id]: evaluation(result) }, history, NOW);
  return decidePhase(p, [p, ...others], summary, NOW);
}

const infra = (over: Partial<TrackerPhase> = {}) =>
  phase({ id: "infrastructure", name: "Infrastructure Resolution", successCriteria: [CRITERION], ...over });

describe("decidePhase", () => {
  it.each<[string, PhaseStatus, boolean, EvalResult, CriterionHistoryEntry[], PhaseDecision["kind"]]>([
    ["active, met, autoClose", "active", true, "pass", HELD, "close"],
    ["active, met, no autoClose", "active", false, "pass", HELD, "ready-to-close"],
    ["active, still holding", "active", true, "pass", FRESH, "none"],
    ["active, failing", "active", true, "fail", HELD, "none"],
    ["active, unknown", "active", true, "unknown", HELD, "none"],
    ["not-started, met", "not-started", true, "pass", HELD, "none"],
    ["blocked, met", "blocked", true, "pass", HELD, "none"],
    ["held, met", "held", true, "pass", HELD, "none"],
    ["done, failing → regression", "done", true, "fail", HELD, "reopen"],
    ["done, passing", "done", true, "pass", HELD, "none"],
    ["done, unknown: missing data is no regression", "done", true, "unknown", HELD, "none"],
  ])("%s → %s", (_name, status, autoClose, result, history, kind) => {
    expect(decide(infra({ status, autoClose }), result, history).kind).toBe(kind);
  });

  it("never closes a phase whose gate is not done", () => {
    const p = phase({
      id: "cleanup",
      order: 2,
      autoClose: true,
      startsAfter: "infrastructure",
      successCriteria: [CRITERION],
    });
    const d = decide(p, "pass", HELD, [infra()]);
    expect(d).toEqual({ kind: "none", reason: "held: waits for Infrastructure Resolution (phase 1) to be done" });
  });

  it("never closes a phase without criteria", () => {
    const p = phase({ id: "validation", autoClose: true });
    expect(decidePhase(p, [p], summarizeCriteria(p, {}, [], NOW), NOW)).toEqual({
      kind: "none",
      reason: "no success criteria defined",
    });
  });

  it("closes with an evidence snapshot", () => {
    const d = decide(infra({ autoClose: true }), "pass", HELD);
    if (d.kind !== "close") throw new Error(`expected close, got ${d.kind}`);
    expect(d.nextStatus).toBe("done");
    expect(d.evidence).toEqual({
      phaseId: "infrastructure",
      phase: "Infrastructure Resolution (phase 1)",
      decision: "close",
      decidedAt: NOW.toISOString(),
      reason: "closed automatically: every success criterion passed and held",
      criteria: [
        {
          id: "startup-success",
          text: CRITERION.text,
          expr: CRITERION.expr,
          result: "pass",
          measured: "97.3%",
          window: "1h",
          measuredAt: minutesAgo(1),
          evaluatedAt: NOW.toISOString(),
          heldSince: minutesAgo(40),
          holdFor: "30m",
        },
      ],
    });
  });

  it("reopens a done phase and says why", () => {
    const d = decide(infra({ status: "done" }), "fail", HELD);
    if (d.kind !== "reopen") throw new Error(`expected reopen, got ${d.kind}`);
    expect(d.nextStatus).toBe("active");
    expect(d.reason).toBe(
      'reopened: "Staging achieves >95% startup success rate" fails again (startup_success_rate(all, 1h) is 40%, needs > 0.95)',
    );
    expect(d.evidence.decision).toBe("reopen");
    expect(d.evidence.criteria[0]).toMatchObject({ result: "fail", measured: "40%", heldSince: null });
  });
});
