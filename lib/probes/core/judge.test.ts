import { describe, expect, it } from "vitest";
import type { ConditionResult } from "@/lib/conditions/core/result";
import { evaluateCondition, parseCondition } from "@/lib/conditions/core";
import { judgeConditions } from "./judge";
import { probeTypeNamed } from "@/lib/config/core/probe-kinds";

const result = (
  condition: string,
  passed: boolean | null,
  soft = false,
  value: string | null = "x",
): ConditionResult =>
  passed === null
    ? { condition, passed, value: null, soft, error: "not measured: the attempt failed first" }
    : { condition, passed, value, soft };

describe("judgeConditions: one rule for an attempt's result", () => {
  it("is up when every condition passed, and when there are none", () => {
    expect(judgeConditions([result("[STATUS] == 200", true)])).toEqual({
      status: "up",
      errorClass: null,
      message: null,
    });
    expect(judgeConditions([])).toEqual({ status: "up", errorClass: null, message: null });
  });

  it("is degraded when only soft conditions failed, naming the first", () => {
    expect(
      judgeConditions([
        result("[STATUS] == 200", true),
        result("[RESPONSE_TIME] < 300", false, true, "1.2 s"),
        result("[CERTIFICATE_EXPIRATION] > 720h", false, true, "3 d"),
      ]),
    ).toEqual({
      status: "degraded",
      errorClass: "conditions",
      message: "Condition failed: [RESPONSE_TIME] < 300 (was 1.2 s)",
    });
  });

  it("is down when a hard condition failed, which wins over an earlier soft one", () => {
    const v = judgeConditions([
      result("[RESPONSE_TIME] < 300", false, true, "1.2 s"),
      result('[BODY].status == "UP"', false, false, '"DOWN"'),
    ]);
    expect(v).toEqual({
      status: "down",
      errorClass: "conditions",
      message: 'Condition failed: [BODY].status == "UP" (was "DOWN")',
    });
  });

  it("classes a failed status condition as http-status", () => {
    expect(judgeConditions([result("[STATUS] == 200", false, false, "503")])).toMatchObject({
      status: "down",
      errorClass: "http-status",
    });
  });

  it("counts a condition it could not evaluate as failed, never as passed, and says why", () => {
    expect(judgeConditions([result("[BODY].status == UP", null)])).toEqual({
      status: "down",
      errorClass: "conditions",
      message: "Condition failed: [BODY].status == UP (not measured: the attempt failed first)",
    });
  });

  it("judges what the evaluator produced", () => {
    const parsed = parseCondition("[RESPONSE_TIME] < 300", probeTypeNamed("http"));
    if (!parsed.ok) throw new Error(parsed.error);
    const slow = evaluateCondition(parsed.condition, { connected: true, responseTimeMs: 1_204 });
    expect(judgeConditions([slow])).toEqual({
      status: "degraded",
      errorClass: "conditions",
      message: "Condition failed: [RESPONSE_TIME] < 300 (was 1.2 s)",
    });
  });
});
