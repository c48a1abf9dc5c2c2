import { describe, expect, it } from "vitest";
import { rehearsalText, type RehearsalBrief } from "@/lib/rehearsal/core/brief";
import { onItClause } from "./plain-text";
import { withRehearsalText } from "./rehearsal-text";
import type { DemoVerdict, ReadinessReason } from "./types";

const passed: RehearsalBrief = {
  status: "passed",
  startedAt: "2026-12-01T14:02:10Z",
  durationMs: 4123,
  totalSteps: 6,
  passedSteps: 6,
  failedStep: null,
  failedStepName: null,
};
const failed: RehearsalBrief = {
  ...passed,
  status: "failed",
  passedSteps: 4,
  failedStep: 5,
  failedStepName: "Sign in reaches the dashboard",
};
const noBrowser: RehearsalBrief = { ...passed, status: "unknown", passedSteps: 0 };

const reason = (status: ReadinessReason["status"]): ReadinessReason => ({
  checkId: "rehearsal",
  label: "Demo rehearsal",
  severity: "blocker",
  status,
  text: "generic",
  evidenceAge: 10,
});
const verdict = (status: ReadinessReason["status"]): DemoVerdict => ({
  verdict: "NO-GO",
  summary: "s",
  reasons: [reason(status), { ...reason(status), checkId: "other" }],
  checkedAt: "2026-12-01T14:03:00Z",
});

describe("the demo rehearsal's readiness line", () => {
  it.each([
    [passed, "Demo rehearsal: 6 of 6 steps passed at 14:02 UTC, 4.1 s"],
    [
      failed,
      "Demo rehearsal: failed at step 5 of 6 (“Sign in reaches the dashboard”) at 14:02 UTC; 4 of 6 steps passed",
    ],
    [{ ...failed, failedStepName: null }, "Demo rehearsal: failed at step 5 of 6 at 14:02 UTC; 4 of 6 steps passed"],
    [noBrowser, "Demo rehearsal: not rehearsed — the server has no browser to rehearse with (last try 14:02 UTC)"],
  ])("%j reads %s", (brief, text) => {
    expect(rehearsalText("Demo rehearsal", brief)).toBe(text);
  });

  it("says who is on it when a rehearsal fails during the incident", () => {
    expect(rehearsalText("Demo rehearsal", failed, onItClause({ team: "Infrastructure Team", phaseOrder: 1 }))).toBe(
      "Demo rehearsal: failed at step 5 of 6 (“Sign in reaches the dashboard”) at 14:02 UTC; 4 of 6 steps passed; the infrastructure team is on it (phase 1)",
    );
    expect(
      withRehearsalText(verdict("fail"), { rehearsal: failed }, { team: "Infrastructure Team", phaseOrder: 1 })
        .reasons[0]?.text,
    ).toMatch(/is on it \(phase 1\)$/);
  });

  it("rewords only the rehearsal check, and only when its status agrees with the run", () => {
    expect(withRehearsalText(verdict("pass"), { rehearsal: passed }).reasons.map((r) => r.text)).toEqual([
      "Demo rehearsal: 6 of 6 steps passed at 14:02 UTC, 4.1 s",
      "generic",
    ]);
    expect(withRehearsalText(verdict("fail"), { rehearsal: failed }).reasons[0]?.text).toMatch(/failed at step 5/);
    expect(withRehearsalText(verdict("unknown"), { rehearsal: noBrowser }).reasons[0]?.text).toMatch(/no browser/);
  });

  it("never shows an old pass for a stale or missing rehearsal", () => {
    expect(withRehearsalText(verdict("stale"), { rehearsal: passed }).reasons[0]).toMatchObject({
      status: "stale",
      text: "generic",
    });
    expect(withRehearsalText(verdict("unknown"), { rehearsal: passed }).reasons[0]).toMatchObject({
      status: "unknown",
      text: "generic",
    });
    expect(withRehearsalText(verdict("fail"), { rehearsal: passed }).reasons[0]?.text).toBe("generic");
    expect(withRehearsalText(verdict("pass"), undefined).reasons[0]?.text).toBe("generic");
    expect(withRehearsalText(verdict("pass"), {}).reasons[0]?.text).toBe("generic");
  });
});
