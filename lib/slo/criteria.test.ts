import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXED_NOW } from "@/emulator/testing";
import { collectEvidence } from "@/lib/evidence/snapshot";
import { emulatedStaging, type EmulatedStaging } from "@/lib/evidence/testing";
import { dataNeedsOfAll, evaluate, parseCriterion, type Expr, type Snapshot } from "@/lib/criteria/core";
import { seedConfig } from "@/lib/tracker/testing";

/** error_budget_remaining(service, Nd) and burn_rate(service, w): language, evaluation, and measurement. */

function parse(src: string): Expr {
  const r = parseCriterion(src);
  if (!r.ok) throw new Error(r.error.message);
  return r.ast;
}

const NOW = new Date("2026-11-30T12:00:00.000Z");
const FRESH = "2026-11-30T11:59:00.000Z";

describe("the language", () => {
  it.each([
    ["error_budget_remaining(all, 28d) > 0.25", "error_budget_remaining|all|2419200"],
    ['error_budget_remaining("backend", 3d) >= 10%', "error_budget_remaining|backend|259200"],
    ["burn_rate(all, 1h) < 14.4", "burn_rate|all|3600"],
    ['burn_rate("auth", 5m) <= 1', "burn_rate|auth|300"],
    ["burn_rate(all, 60m) < 6", "burn_rate|all|3600"],
  ])("%s → key %s", (src, key) => {
    const e = parse(src);
    expect(e.kind === "compare" && e.key).toBe(key);
  });

  it.each([
    ["error_budget_remaining(all, 2d) > 0", "an SLO window of whole days from 3d to 30d"],
    ["error_budget_remaining(all, 31d) > 0", "an SLO window"],
    ["error_budget_remaining(all, 36h) > 0", "an SLO window"],
    ["burn_rate(all, 2h) < 1", "a burn-rate window: 5m, 30m, 1h, 6h, 24h or 3d"],
    ["burn_rate(all, 1h) < 14.4ms", "a burn rate such as 1 or 14.4"],
    ["error_budget_remaining(all, 28d) > 2", "a share such as 0.25 or 25%"],
    ['burn_rate(all, 1h) == "up"', "a burn rate"],
  ])("%s is refused: expected %s", (src, expected) => {
    const r = parseCriterion(src);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain(expected);
  });
});

describe("evaluation", () => {
  const run = (src: string, snapshot: Snapshot) => evaluate(parse(src), snapshot, NOW, {}).result;
  const at = (key: string, value: number | null, measuredAt = FRESH): Snapshot => ({ [key]: { value, measuredAt } });
  const BUDGET = "error_budget_remaining|all|2419200";

  it.each([
    [0.6, "pass"],
    [0.25, "fail"],
    [0, "fail"],
    [-19, "fail"], // overspent: a failure, not an invalid value
  ] as const)("error budget left %s against > 25%% → %s", (v, result) => {
    expect(run("error_budget_remaining(all, 28d) > 25%", at(BUDGET, v))).toBe(result);
  });

  it("burn rates above 1 are values, not invalid ratios", () => {
    expect(run("burn_rate(all, 1h) < 14.4", at("burn_rate|all|3600", 20))).toBe("fail");
    expect(run("burn_rate(all, 1h) < 14.4", at("burn_rate|all|3600", 0.4))).toBe("pass");
  });

  it("missing, null (no start-ups) and stale are unknown", () => {
    expect(run("error_budget_remaining(all, 28d) > 0", {})).toBe("unknown");
    expect(run("error_budget_remaining(all, 28d) > 0", at(BUDGET, null))).toBe("unknown");
    expect(run("error_budget_remaining(all, 28d) > 0", at(BUDGET, 0.9, "2026-11-30T11:00:00.000Z"))).toBe("unknown");
    expect(run("burn_rate(all, 1h) < 1", at("burn_rate|all|3600", -1))).toBe("unknown");
  });
});

describe("measured against the emulator (incident)", () => {
  let staging: EmulatedStaging;
  beforeAll(async () => {
    staging = await emulatedStaging("incident", FIXED_NOW);
  });
  afterAll(async () => {
    await staging.close();
  });

  it("the incident burns far above 14.4× and leaves no budget; figures are dated where the data ends", async () => {
    const now = staging.clock.now();
    const needs = dataNeedsOfAll([
      parse("burn_rate(all, 1h) < 14.4"),
      parse('burn_rate("backend", 3d) < 1'),
      parse("error_budget_remaining(all, 28d) > 0"),
      parse('error_budget_remaining("analytics", 28d) > 0'),
    ]);
    const { snapshot, problems } = await collectEvidence(needs, now, staging.sources(seedConfig()));
    const minute = new Date(Math.floor(now / 60_000) * 60_000).toISOString();
    expect(Number(snapshot["burn_rate|all|3600"]?.value)).toBeGreaterThan(14.4);
    expect(snapshot["burn_rate|all|3600"]?.measuredAt).toBe(minute);
    expect(Number(snapshot["burn_rate|backend|259200"]?.value)).toBeGreaterThan(1);
    expect(snapshot["burn_rate|backend|259200"]?.measuredAt).toBe(minute);
    expect(Number(snapshot["error_budget_remaining|all|2419200"]?.value)).toBeLessThanOrEqual(0);
    expect(problems["error_budget_remaining|analytics|2419200"]).toContain("not a deployed service");
  });
});
