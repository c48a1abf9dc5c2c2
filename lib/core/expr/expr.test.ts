import { describe, expect, it } from "vitest";
import { parseCondition } from "@/lib/conditions/core";
import { parseCriterion } from "@/lib/criteria/core";
import { probeTypeNamed } from "@/lib/config/core/probe-kinds";

/**
 * Both environments of the one expression language through the one tokenizer and parser:
 * what each accepts, and the errors (with line and column) when an expression of one turns up
 * in the other.
 */

type Env = "criteria" | "probe";
type Row = [env: Env, src: string, ok: true] | [env: Env, src: string, line: number, column: number, says: string];

function parse(env: Env, src: string) {
  if (env === "criteria") {
    const r = parseCriterion(src);
    return r.ok ? { ok: true as const } : { ok: false as const, ...r.error };
  }
  const r = parseCondition(src, probeTypeNamed("http"));
  return r.ok ? { ok: true as const } : { ok: false as const, line: r.line, column: r.column, message: r.error };
}

const table: Row[] = [
  // Each environment's own expressions.
  ["criteria", "startup_success_rate(all, 1h) > 0.95", true],
  ["criteria", 'probe_status("auth-health") == "up" and (failures("x", 15m) == 0 or blocking_phases() == 0)', true],
  ["criteria", "startup_success_rate(all, 1h) > 0.95\n  and blocking_phases() == 0", true],
  ["probe", "[STATUS] == 200", true],
  ["probe", "len([BODY].items) > 0", true],
  ["probe", "any(200, 429) == [STATUS]", true],
  ["probe", "[HEADERS].content-type == pat(application/json*)", true],
  ["probe", "[RESPONSE_TIME] < 1.5s", true],
  // A placeholder or a probe function in a criterion.
  ["criteria", "[STATUS] == 200", 1, 1, "placeholders such as [STATUS] belong in probe conditions"],
  ["criteria", "len([BODY].items) > 0", 1, 1, "len() belongs in probe conditions"],
  ["criteria", "blocking_phases() == 0 and [BODY].ok == true", 1, 28, "belong in probe conditions"],
  ["criteria", "blocking_phases() == 0\nand [STATUS] == 200", 2, 5, "belong in probe conditions"],
  // A metric function in a probe condition.
  ["probe", "startup_success_rate(all, 1h) > 0.95", 1, 1, "startup_success_rate is a metric function"],
  ["probe", "[BODY].p95 < p95(startup_latency(all), 1h)", 1, 14, "p95 is a metric function"],
  ["probe", 'probe_status("auth") == [BODY].status', 1, 1, "belongs in success criteria and readiness checks"],
  ["probe", "[STATUS] == foo(1)", 1, 13, "the functions of probe conditions"],
  // Probe conditions are one comparison each; and / or belong to criteria.
  ["probe", "[STATUS] == 200 and [BODY].ok == true", 1, 31, "a probe condition is one comparison"],
  // Positions on later lines.
  ["probe", "[STATUS] ==\n  [STATSU]", 2, 3, "unknown placeholder [STATSU]"],
  ["criteria", "startup_success_rate(all, 1h) >\n  200ms", 2, 3, "a ratio such as 0.95 or 95%"],
];

describe("one parser, two environments", () => {
  it.each(table)("%s: %j", (env, src, ...rest) => {
    const r = parse(env, src);
    if (rest[0] === true) {
      expect(r).toEqual({ ok: true });
      return;
    }
    const [line, column, says] = rest as [number, number, string];
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect([r.line, r.column]).toEqual([line, column]);
    expect(r.message).toContain(says);
    expect(r.message).toContain(line === 1 ? `at column ${column}` : `at line ${line}, column ${column}`);
  });

  it("reads durations with one table in both environments", () => {
    const criterion = parseCriterion("p50(startup_latency(all), 90s) < 1.5s");
    const condition = parseCondition("[RESPONSE_TIME] < 1.5s");
    expect(criterion.ok && criterion.ast.kind === "compare" && criterion.ast.threshold.value).toBe(1_500);
    expect(condition.ok && condition.condition.right).toEqual({
      kind: "literal",
      literal: { text: "1.5s", number: 1_500 },
    });
  });
});
