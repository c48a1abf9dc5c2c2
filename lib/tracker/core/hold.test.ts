import { describe, expect, it } from "vitest";
import type { EvalResult } from "@/lib/criteria/core/types";
import { criterionStatus, heldSince } from "./hold";
import { NOW, evaluation, minutesAgo } from "./testing";
import type { CriterionHistoryEntry } from "./types";

function history(...runs: [number, EvalResult][]): CriterionHistoryEntry[] {
  return runs.map(([m, result]) => ({ criterionId: "c", result, at: minutesAgo(m) }));
}

describe("heldSince", () => {
  it.each<[string, CriterionHistoryEntry[], EvalResult, string | null]>([
    ["passing now, no history: since now", [], "pass", NOW.toISOString()],
    ["failing now", history([10, "pass"], [5, "pass"]), "fail", null],
    ["unknown now", history([10, "pass"]), "unknown", null],
    ["a run of passes", history([40, "fail"], [30, "pass"], [20, "pass"], [10, "pass"]), "pass", minutesAgo(30)],
    ["an unknown breaks the run", history([30, "pass"], [20, "unknown"], [10, "pass"]), "pass", minutesAgo(10)],
    ["a fail breaks the run", history([30, "pass"], [20, "fail"], [10, "pass"]), "pass", minutesAgo(10)],
    ["a gap over 15 min breaks the run", history([60, "pass"], [40, "pass"], [10, "pass"]), "pass", minutesAgo(10)],
    ["a gap of exactly 15 min does not", history([25, "pass"], [10, "pass"]), "pass", minutesAgo(25)],
    ["history is sorted first", history([10, "pass"], [30, "fail"], [20, "pass"]), "pass", minutesAgo(20)],
    ["entries after now are ignored", history([10, "pass"], [-5, "fail"]), "pass", minutesAgo(10)],
    [
      "entries with a bad time are ignored",
      [...history([10, "pass"]), { criterionId: "c", result: "fail", at: "soon" }],
      "pass",
      minutesAgo(10),
    ],
    [
      "other criteria are ignored",
      [{ criterionId: "other", result: "fail", at: minutesAgo(5) }, ...history([10, "pass"])],
      "pass",
      minutesAgo(10),
    ],
  ])("%s", (_name, h, now, since) => {
    expect(heldSince("c", evaluation(now), h, NOW)).toBe(since);
  });

  it("no current evaluation: not held", () => {
    expect(heldSince("c", null, history([5, "pass"]), NOW)).toBeNull();
  });

  it("ignores another phase's criterion with the same id", () => {
    const h: CriterionHistoryEntry[] = [
      { criterionId: "c", phaseId: "p1", result: "pass", at: minutesAgo(10) },
      { criterionId: "c", phaseId: "p2", result: "fail", at: minutesAgo(5) },
    ];
    expect(heldSince("c", evaluation("pass"), h, NOW, { phaseId: "p1" })).toBe(minutesAgo(10));
    expect(heldSince("c", evaluation("pass"), h, NOW, { phaseId: "p2" })).toBe(NOW.toISOString());
  });

  it("takes the gap limit from the caller", () => {
    expect(heldSince("c", evaluation("pass"), history([40, "pass"], [10, "pass"]), NOW, { maxGapSeconds: 1800 })).toBe(
      minutesAgo(40),
    );
  });
});

describe("criterionStatus", () => {
  const criterion = {
    id: "c",
    text: "Staging achieves >95% startup success rate",
    expr: "startup_success_rate(all, 1h) > 0.95",
    holdFor: "30m",
  };

  it.each<[string, EvalResult, CriterionHistoryEntry[], string | undefined, boolean, number | null]>([
    [
      "passing for 40 of 30 min",
      "pass",
      history([40, "pass"], [30, "pass"], [15, "pass"], [1, "pass"]),
      "30m",
      true,
      null,
    ],
    ["passing for exactly 30 min", "pass", history([30, "pass"], [15, "pass"]), "30m", true, null],
    ["passing for 12 of 30 min", "pass", history([13, "fail"], [12, "pass"]), "30m", false, 18 * 60],
    ["no hold time: passing now is enough", "pass", [], undefined, true, null],
    ["failing", "fail", history([40, "pass"]), "30m", false, null],
    ["unknown", "unknown", history([40, "pass"]), "30m", false, null],
    ["unreadable hold time never holds", "pass", history([600, "pass"]), "half an hour", false, null],
  ])("%s", (_name, result, h, holdFor, held, remaining) => {
    const s = criterionStatus({ ...criterion, holdFor }, evaluation(result), h, NOW);
    expect(s.result).toBe(result);
    expect(s.held).toBe(held);
    expect(s.remainingSeconds).toBe(remaining);
  });

  it("reports a bad hold time", () => {
    expect(criterionStatus({ ...criterion, holdFor: "soon" }, evaluation("pass"), [], NOW).problem).toBe(
      'hold time "soon" is not a duration such as 30m',
    );
  });

  it("without an evaluation the criterion is unknown", () => {
    const s = criterionStatus(criterion, null, history([60, "pass"]), NOW);
    expect(s).toMatchObject({ result: "unknown", held: false, heldSince: null, heldForSeconds: 0 });
  });
});
