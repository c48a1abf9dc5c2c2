import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_AGE_SECONDS } from "@/lib/criteria/core";
import { phase } from "./testing";
import { evaluateCriterion, nextHeldSince, parsePhases, type PreviousState } from "./criteria-eval";

const NOW = Date.UTC(2025, 8, 17, 12, 0, 0);
const MIN = 60_000;
// The freshness limit the tracker gives a 1-hour window (lib/tracker/max-age.ts): 10 minutes.
const TEN_MINUTES = () => DEFAULT_MAX_AGE_SECONDS;

describe("nextHeldSince", () => {
  const expr = "startup_success_rate(all, 1h) > 0.95";
  const prev = (over: Partial<PreviousState> = {}): PreviousState => ({
    expr,
    result: "pass",
    heldSince: NOW - 10 * MIN,
    evaluatedAt: NOW - MIN,
    ...over,
  });
  const cases: {
    name: string;
    prev: PreviousState | undefined;
    result: "pass" | "fail" | "unknown";
    want: number | null;
  }[] = [
    { name: "a first pass starts the hold now", prev: undefined, result: "pass", want: NOW },
    { name: "a pass after a pass continues the hold", prev: prev(), result: "pass", want: NOW - 10 * MIN },
    { name: "a fail ends it", prev: prev(), result: "fail", want: null },
    { name: "unknown ends it: a hold is only as long as it was observed", prev: prev(), result: "unknown", want: null },
    {
      name: "a pass after a fail starts again",
      prev: prev({ result: "fail", heldSince: null }),
      result: "pass",
      want: NOW,
    },
    {
      name: "a gap longer than 15 minutes restarts it",
      prev: prev({ evaluatedAt: NOW - 16 * MIN }),
      result: "pass",
      want: NOW,
    },
    {
      name: "a changed expression restarts it",
      prev: prev({ expr: "startup_success_rate(all, 1h) > 0.9" }),
      result: "pass",
      want: NOW,
    },
  ];
  for (const c of cases) it(c.name, () => expect(nextHeldSince(c.prev, expr, c.result, NOW, 15 * MIN)).toBe(c.want));
});

describe("evaluateCriterion", () => {
  const [c] = parsePhases([
    phase({ id: "p", successCriteria: [{ id: "c", text: "t", expr: "startup_success_rate(all, 1h) > 0.95" }] }),
  ]);
  it("replaces a bare 'no data' with the reason the evidence layer gave", () => {
    if (!c) throw new Error("no criterion");
    const ev = evaluateCriterion(
      c,
      {},
      { "startup_success_rate|all|3600": "Cloud Monitoring answered UNAVAILABLE: down" },
      NOW,
      TEN_MINUTES,
    );
    expect(ev?.result).toBe("unknown");
    expect(ev?.reason).toBe("startup_success_rate(all, 1h): Cloud Monitoring answered UNAVAILABLE: down");
  });
  it("passes on fresh data above the threshold, and is unknown on data older than its limit", () => {
    if (!c) throw new Error("no criterion");
    const fresh = { "startup_success_rate|all|3600": { value: 0.97, measuredAt: new Date(NOW - MIN).toISOString() } };
    expect(evaluateCriterion(c, fresh, {}, NOW, TEN_MINUTES)?.result).toBe("pass");
    const old = {
      "startup_success_rate|all|3600": { value: 0.97, measuredAt: new Date(NOW - 11 * MIN).toISOString() },
    };
    expect(evaluateCriterion(c, old, {}, NOW, TEN_MINUTES)?.result).toBe("unknown");
  });
  it("a criterion that cannot be parsed is never evaluated, and says why", () => {
    const [bad] = parsePhases([
      phase({ id: "p", successCriteria: [{ id: "c", text: "t", expr: "startup_success_rate(all, banana) > 1" }] }),
    ]);
    expect(bad?.ast).toBeNull();
    expect(bad?.problem).toMatch(/^the expression cannot be read: at column \d+: expected a duration/);
    if (bad) expect(evaluateCriterion(bad, {}, {}, NOW, TEN_MINUTES)).toBeNull();
  });
});
