import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseStagingConfig } from "@/lib/config/staging-config";
import { formatCondition, parseCondition, type Condition } from "@/lib/conditions/core";
import { formatExpr, parseCriterion, type Expr } from "@/lib/criteria/core";

/**
 * The printers work from the AST, not the text it was parsed from: printing and parsing again
 * gives the same AST, and printing that gives the same text (for both environments).
 */

const FILE = path.join(process.cwd(), "staging.config.json");
const cfg = parseStagingConfig(readFileSync(FILE, "utf8"), FILE, {});

const criteria = [
  "startup_success_rate(all, 24h) > 0.95",
  'startup_success_rate("backend", 30m) >= 95%',
  "startup_success_rate(all,60m)>1",
  'probe_status("auth-health") != "missing"',
  'p95(probe_phase("cloudsql", "connect"), 1h) < 200ms',
  "p99(startup_latency(all), 2d) <= 30s",
  'error_budget_remaining("backend", 28d) >= 25%',
  "burn_rate(all, 24h) < 14.4",
  'probe_status("a") == "up" or failures("x", 15m) == 0 and blocking_phases() == 0',
  '(probe_status("a") == "up" or failures("x", 15m) == 0) and blocking_phases() == 0',
  'probe_status("a") == "up" and (failures("x", 15m) == 0 and blocking_phases() == 0)',
  'probe_status("a") == "up" or (failures("x", 15m) == 0 or blocking_phases() == 0)',
  ...cfg.incident.phases.flatMap((p) => p.successCriteria.map((c) => c.expr)),
  ...cfg.readiness.checks.map((c) => c.expr),
];

const conditions = [
  "[STATUS] == 200",
  "[STATUS] == any(200, 429)",
  "any(200, 429) == [STATUS]",
  "[RESPONSE_TIME] < 300ms",
  '[BODY].status == "UP"',
  "[BODY].status == UP",
  '[BODY].count == "7"',
  "[BODY].items[1].name == john doe",
  "[BODY] == pat(*all ok*)",
  "pat(*ok*) == [BODY]",
  "len([BODY].data) < 5",
  "has([BODY].errors) == false",
  "[BODY].age == [BODY].id",
  "[HEADERS].Content-Type == pat(application/json*)",
  "[IP] == 127.0.0.1",
  '[BODY].op == "<="',
  "[BODY].quote == 'say \"hi\"'",
  "[CERTIFICATE_EXPIRATION] > 48h",
  "[DNS_RCODE] == NOERROR",
  "[DNS_RCODE] != any(NXDOMAIN, SERVFAIL)",
  "[DOMAIN_EXPIRATION] > 720h",
  ...cfg.probes.flatMap((p) => p.conditions.map((c) => c.text)),
];

/** The AST without what only records the source (text, columns, windows as written). */
function shape(e: Expr): unknown {
  if (e.kind !== "compare") return { kind: e.kind, left: shape(e.left), right: shape(e.right) };
  return { key: e.key, op: e.op, type: e.valueType, value: e.threshold.value, measurement: e.measurement };
}

function criterion(src: string): Expr {
  const r = parseCriterion(src);
  if (!r.ok) throw new Error(`${src}: ${r.error.message}`);
  return r.ast;
}

function condition(src: string): Condition {
  const r = parseCondition(src);
  if (!r.ok) throw new Error(r.error);
  return r.condition;
}

describe("format round-trip", () => {
  it("has the config's expressions too", () => {
    expect(criteria.length).toBeGreaterThan(12);
    expect(conditions.length).toBeGreaterThan(18);
  });

  it.each(criteria)("criterion %s", (src) => {
    const ast = criterion(src);
    const printed = formatExpr(ast);
    const again = criterion(printed);
    expect(shape(again)).toEqual(shape(ast));
    expect(formatExpr(again)).toBe(printed);
  });

  it.each(conditions)("condition %s", (src) => {
    const c = condition(src);
    const printed = formatCondition(c);
    const again = condition(printed);
    expect({ ...again, text: "" }).toEqual({ ...c, text: "" });
    expect(formatCondition(again)).toBe(printed);
  });

  it("prints the tree, not the source: grouping only where it matters, windows in whole units", () => {
    expect(formatExpr(criterion("startup_success_rate(all,60m)>1"))).toBe("startup_success_rate(all, 1h) > 1");
    expect(formatExpr(criterion("(blocking_phases() == 0 and (blocking_phases() == 0))"))).toBe(
      "blocking_phases() == 0 and blocking_phases() == 0",
    );
    expect(formatExpr(criterion('blocking_phases() == 0 and (failures("x", 1h) == 0 or blocking_phases() == 1)'))).toBe(
      'blocking_phases() == 0 and (failures("x", 1h) == 0 or blocking_phases() == 1)',
    );
    expect(formatCondition(condition("len( [BODY].items )>0"))).toBe("len([BODY].items) > 0");
    expect(formatCondition(condition('[BODY].code == "200"'))).toBe('[BODY].code == "200"');
  });
});
