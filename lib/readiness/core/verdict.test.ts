import { describe, expect, it } from "vitest";
import type { Evaluation } from "@/lib/criteria/core/types";
import { demoVerdict } from "./verdict";
import type { CheckStatus, ReadinessCheckInput, Severity, Verdict } from "./types";

const NOW = new Date("2025-09-17T12:00:00.000Z");
const ago = (s: number) => new Date(NOW.getTime() - s * 1_000).toISOString();

type Given = CheckStatus | "not-evaluated";

function evaluationFor(given: Given): Evaluation | null {
  switch (given) {
    case "not-evaluated":
      return null;
    case "pass":
    case "fail":
      return {
        result: given,
        measured: "x",
        window: null,
        evaluatedAt: NOW.toISOString(),
        measuredAt: ago(30),
        terms: [],
      };
    case "unknown":
      return {
        result: "unknown",
        measured: "no data",
        window: null,
        evaluatedAt: NOW.toISOString(),
        measuredAt: null,
        terms: [],
      };
    case "stale":
      // Passed, but 10 minutes ago against a 2 minute limit.
      return {
        result: "pass",
        measured: "x",
        window: null,
        evaluatedAt: NOW.toISOString(),
        measuredAt: ago(600),
        terms: [],
      };
  }
}

function check(id: string, severity: Severity, given: Given): ReadinessCheckInput {
  return { id, label: `Check ${id}`, severity, evaluation: evaluationFor(given), maxAgeSeconds: 120 };
}

const STATES: CheckStatus[] = ["pass", "fail", "unknown", "stale"];

function expected(blocker: CheckStatus | null, warning: CheckStatus | null): Verdict {
  if (blocker === "fail") return "NO-GO";
  const all = [blocker, warning].filter((s) => s !== null);
  return all.length > 0 && all.every((s) => s === "pass") ? "GO" : "CAUTION";
}

describe("demoVerdict: every combination of one blocker and one warning", () => {
  const withNone = [...STATES, null] as const;
  const table = withNone.flatMap((b) => withNone.map((w) => [b, w, expected(b, w)] as const));

  it("the table holds the rules as written", () => {
    // Spot-check the table itself against the sentences.
    expect(table).toContainEqual(["pass", "pass", "GO"]);
    expect(table).toContainEqual(["fail", "pass", "NO-GO"]);
    expect(table).toContainEqual(["fail", "unknown", "NO-GO"]);
    expect(table).toContainEqual(["pass", "fail", "CAUTION"]);
    expect(table).toContainEqual(["unknown", "pass", "CAUTION"]);
    expect(table).toContainEqual(["stale", "pass", "CAUTION"]);
    expect(table).toContainEqual(["pass", "stale", "CAUTION"]);
    expect(table).toContainEqual([null, null, "CAUTION"]);
    expect(table).toHaveLength(25);
  });

  it.each(table)("blocker %s, warning %s → %s", (b, w, verdict) => {
    const checks = [...(b ? [check("b", "blocker", b)] : []), ...(w ? [check("w", "warning", w)] : [])];
    const v = demoVerdict(checks, NOW);
    expect(v.verdict).toBe(verdict);
    // One reason per check, each with the status it was given.
    const statuses = Object.fromEntries(v.reasons.map((r) => [r.checkId, r.status]));
    expect(statuses).toEqual({ ...(b ? { b } : {}), ...(w ? { w } : {}) });
  });
});

describe("demoVerdict: several blockers", () => {
  it.each<[Given[], Verdict]>([
    [["pass", "pass", "pass"], "GO"],
    [["pass", "fail", "pass"], "NO-GO"],
    [["unknown", "fail", "stale"], "NO-GO"],
    [["pass", "unknown", "pass"], "CAUTION"],
    [["pass", "not-evaluated", "pass"], "CAUTION"],
    [["stale", "stale", "stale"], "CAUTION"],
  ])("%j → %s", (states, verdict) => {
    expect(
      demoVerdict(
        states.map((s, i) => check(`b${i}`, "blocker", s)),
        NOW,
      ).verdict,
    ).toBe(verdict);
  });

  it("never GO on unknown: the same checks without data", () => {
    const v = demoVerdict([check("a", "blocker", "unknown"), check("b", "warning", "unknown")], NOW);
    expect(v.verdict).toBe("CAUTION");
  });
});

describe("demoVerdict: freshness", () => {
  it.each<[number, Evaluation["result"], CheckStatus]>([
    [119, "pass", "pass"],
    [120, "pass", "pass"],
    [121, "pass", "stale"],
    [121, "fail", "stale"],
  ])("evidence %ss old (limit 120s), %s → %s", (age, result, status) => {
    const evaluation: Evaluation = {
      result,
      measured: "x",
      window: null,
      evaluatedAt: NOW.toISOString(),
      measuredAt: ago(age),
      terms: [],
    };
    const [reason] = demoVerdict(
      [{ id: "a", label: "A", severity: "blocker", evaluation, maxAgeSeconds: 120 }],
      NOW,
    ).reasons;
    expect(reason?.status).toBe(status);
    expect(reason?.evidenceAge).toBe(age);
  });

  it("a pass without a measurement time is not trusted", () => {
    const evaluation: Evaluation = {
      result: "pass",
      measured: "x",
      window: null,
      evaluatedAt: NOW.toISOString(),
      measuredAt: null,
      terms: [],
    };
    const v = demoVerdict([{ id: "a", label: "A", severity: "blocker", evaluation, maxAgeSeconds: 120 }], NOW);
    expect(v.verdict).toBe("CAUTION");
    expect(v.reasons[0]).toMatchObject({ status: "unknown", evidenceAge: null });
  });

  it("a stale fail does not decide NO-GO, and says it was failing then", () => {
    const evaluation: Evaluation = {
      result: "fail",
      measured: "x",
      window: null,
      evaluatedAt: NOW.toISOString(),
      measuredAt: ago(1500),
      terms: [],
    };
    const v = demoVerdict(
      [{ id: "a", label: "Customers can sign in", severity: "blocker", evaluation, maxAgeSeconds: 120 }],
      NOW,
    );
    expect(v.verdict).toBe("CAUTION");
    expect(v.reasons[0]?.text).toBe(
      "Customers can sign in: not confirmed — the last check was 25 minutes ago (it must be under 2 minutes old). It was failing then.",
    );
  });
});

describe("demoVerdict: output", () => {
  it("orders reasons most serious first and stamps the time", () => {
    const v = demoVerdict(
      [
        check("p", "blocker", "pass"),
        check("wu", "warning", "unknown"),
        check("bu", "blocker", "unknown"),
        check("wf", "warning", "fail"),
        check("bf", "blocker", "fail"),
      ],
      NOW,
    );
    expect(v.reasons.map((r) => r.checkId)).toEqual(["bf", "wf", "bu", "wu", "p"]);
    expect(v.checkedAt).toBe(NOW.toISOString());
    expect(v.summary).toBe("Not ready for a demo: something essential is not working.");
    expect(v.demoRisk).toBeUndefined();
  });

  it("says so when no checks are configured", () => {
    expect(demoVerdict([], NOW)).toMatchObject({
      verdict: "CAUTION",
      summary: "No readiness checks are configured, so nothing is confirmed.",
      reasons: [],
    });
  });
});

describe("demoVerdict: every combination for two blockers and two warnings", () => {
  const GIVEN: Given[] = ["pass", "fail", "unknown", "stale", "not-evaluated"];
  const combos = GIVEN.flatMap((b1) =>
    GIVEN.flatMap((b2) => GIVEN.flatMap((w1) => GIVEN.map((w2) => [b1, b2, w1, w2] as const))),
  );

  // Written from the sentences, independently of verdict.ts.
  function rule(b: readonly Given[], w: readonly Given[]): Verdict {
    if (b.includes("fail")) return "NO-GO";
    return [...b, ...w].every((s) => s === "pass") ? "GO" : "CAUTION";
  }

  it("all 625 combinations of pass / fail / unknown / stale / not evaluated", () => {
    expect(combos).toHaveLength(625);
    const wrong = combos.flatMap(([b1, b2, w1, w2]) => {
      const checks = [
        check("b1", "blocker", b1),
        check("b2", "blocker", b2),
        check("w1", "warning", w1),
        check("w2", "warning", w2),
      ];
      const got = demoVerdict(checks, NOW).verdict;
      const want = rule([b1, b2], [w1, w2]);
      return got === want ? [] : [`${b1},${b2} / ${w1},${w2}: ${got}, want ${want}`];
    });
    expect(wrong).toEqual([]);
  });

  it.each<[Given[], Given[], Verdict]>([
    [["pass", "pass"], ["fail", "fail"], "CAUTION"],
    [["pass", "pass"], ["pass", "stale"], "CAUTION"],
    [["pass", "pass"], ["not-evaluated", "pass"], "CAUTION"],
    [["stale", "fail"], ["pass", "pass"], "NO-GO"],
    [["pass", "pass"], ["pass", "pass"], "GO"],
  ])("blockers %j, warnings %j → %s", (b, w, verdict) => {
    const checks = [...b.map((s, i) => check(`b${i}`, "blocker", s)), ...w.map((s, i) => check(`w${i}`, "warning", s))];
    expect(demoVerdict(checks, NOW).verdict).toBe(verdict);
  });
});
