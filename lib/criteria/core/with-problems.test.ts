import { describe, expect, it } from "vitest";
import { parseCriterion } from "./parser";
import type { Expr } from "./types";
import { evaluateWithProblems } from "./with-problems";

const NOW = Date.parse("2025-09-17T12:00:00.000Z");
const KEY = "startup_success_rate|all|3600";

function parse(src: string): Expr {
  const r = parseCriterion(src);
  if (!r.ok) throw new Error(r.error.message);
  return r.ast;
}

describe("evaluateWithProblems", () => {
  const ast = parse('startup_success_rate(all, 1h) > 0.95 and probe_status("db") == "up"');

  it("names the evidence layer's reason for a missing measurement instead of a bare 'no data'", () => {
    const ev = evaluateWithProblems(
      ast,
      { "probe_status|db": { value: "up", measuredAt: new Date(NOW).toISOString() } },
      { [KEY]: "Cloud Monitoring answered UNAVAILABLE" },
      NOW,
      undefined,
    );
    expect(ev.result).toBe("unknown");
    expect(ev.reason).toBe("startup_success_rate(all, 1h): Cloud Monitoring answered UNAVAILABLE");
  });

  it("leaves a measurement that is there but too old as stale, whatever the problems say", () => {
    const old = new Date(NOW - 11 * 60_000).toISOString();
    const snapshot = { [KEY]: { value: 0.99, measuredAt: old }, "probe_status|db": { value: "up", measuredAt: old } };
    const ev = evaluateWithProblems(ast, snapshot, { [KEY]: "ignored" }, NOW, undefined);
    expect(ev.result).toBe("unknown");
    expect(ev.reason).not.toContain("ignored");
    // A longer limit makes the same data current.
    expect(evaluateWithProblems(ast, snapshot, {}, NOW, 3_600).result).toBe("pass");
  });

  it("keeps a pass or a fail as the evaluator gave it", () => {
    const at = new Date(NOW).toISOString();
    const fail = { [KEY]: { value: 0.5, measuredAt: at }, "probe_status|db": { value: "up", measuredAt: at } };
    expect(evaluateWithProblems(ast, fail, { [KEY]: "unused" }, NOW, undefined).result).toBe("fail");
  });
});
