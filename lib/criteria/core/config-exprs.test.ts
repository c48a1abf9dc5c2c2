import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseStagingConfig } from "@/lib/config/staging-config";
import { dataNeeds } from "./data-needs";
import { parseCriterion } from "./parser";

const FILE = path.join(process.cwd(), "staging.config.json");
const cfg = parseStagingConfig(readFileSync(FILE, "utf8"), FILE, {});

const criteria = cfg.incident.phases.flatMap((p) =>
  p.successCriteria.map((c) => [`criterion ${p.id}/${c.id}`, c.expr] as const),
);
const checks = cfg.readiness.checks.map((c) => [`readiness ${c.id}`, c.expr] as const);
const evidence = cfg.incident.fiveWhys.flatMap((w) => (w.evidence?.kind === "logs" ? [w.evidence.ref] : []));

describe("every expression in staging.config.json parses", () => {
  it("has expressions to check", () => {
    expect(criteria.length).toBeGreaterThan(0);
    expect(checks.length).toBeGreaterThan(0);
  });

  it.each([...criteria, ...checks])("%s: %s", (_name, expr) => {
    const r = parseCriterion(expr);
    expect(r.ok ? "ok" : r.error.message).toBe("ok");
    if (r.ok) expect(dataNeeds(r.ast).length).toBeGreaterThan(0);
  });

  it("five-whys log evidence names a failure signature the language knows", () => {
    for (const ref of evidence) {
      expect(parseCriterion(`${ref} == 0`).ok).toBe(true);
    }
  });
});
