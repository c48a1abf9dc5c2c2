import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseStagingConfig } from "@/lib/config/staging-config";
import { parseCriterion } from "@/lib/criteria/core/parser";
import { evaluate } from "@/lib/criteria/core/evaluate";
import { summarizeCriteria } from "./criteria-state";
import { BLOCKING_PHASES_KEY, blockingPhases, blockingPhasesEntry, phaseProgress } from "./progress";
import { NOW, evaluation, phase } from "./testing";
import type { TrackerPhase } from "./types";

const file = path.join(process.cwd(), "staging.config.json");
const seedPhases = parseStagingConfig(readFileSync(file, "utf8"), file, {}).incident.phases;

describe("blockingPhases", () => {
  it.each<[string, TrackerPhase[], number]>([
    ["none", [], 0],
    ["one blocking, active", [phase({ id: "a", blocking: true })], 1],
    ["blocking but done", [phase({ id: "a", blocking: true, status: "done" })], 0],
    [
      "blocking and held still counts",
      [phase({ id: "a", blocking: true, status: "held" }), phase({ id: "b", blocking: true })],
      2,
    ],
    ["not blocking", [phase({ id: "a" })], 0],
  ])("%s → %s", (_name, phases, n) => {
    expect(blockingPhases(phases)).toBe(n);
  });

  it("feeds blocking_phases() == 0 through a snapshot entry", () => {
    const r = parseCriterion("blocking_phases() == 0");
    if (!r.ok) throw new Error(r.error.message);
    const snapshot = { [BLOCKING_PHASES_KEY]: blockingPhasesEntry(seedPhases, NOW) };
    expect(evaluate(r.ast, snapshot, NOW)).toMatchObject({ result: "fail", measured: "1 blocking phase" });
    const allDone = seedPhases.map((p) => ({ ...p, status: "done" as const }));
    expect(evaluate(r.ast, { [BLOCKING_PHASES_KEY]: blockingPhasesEntry(allDone, NOW) }, NOW).result).toBe("pass");
  });
});

describe("phaseProgress", () => {
  it("the seed: phase 1 is current, failing, with its open actions", () => {
    const summaries = Object.fromEntries(
      seedPhases.map((p) => [p.id, summarizeCriteria(p, { "startup-success": evaluation("fail") }, [], NOW)]),
    );
    const progress = phaseProgress(seedPhases, summaries);
    expect(progress.text).toBe("0 of 3 phases done");
    expect(progress.current?.id).toBe("infrastructure");
    expect(progress.blockers).toEqual([
      { kind: "criteria", text: "failing: Staging achieves >95% startup success rate (measured 40%)" },
      {
        kind: "actions",
        text: "3 open actions: VPC connector scaling (in progress), Cloud SQL optimization (to do), Regional investigation (to do)",
      },
    ]);
    expect(progress.phases.map((p) => p.effective.status)).toEqual(["active", "held", "held"]);
    expect(progress.phases.map((p) => p.criteria.state)).toEqual(["failing", "unknown", "no-criteria"]);
  });

  it("when phase 1 is done, phase 2 waits to be started and says what blocks it", () => {
    const phases = seedPhases.map((p) => (p.id === "infrastructure" ? { ...p, status: "done" as const } : p));
    const progress = phaseProgress(phases, {});
    expect(progress.text).toBe("1 of 3 phases done");
    expect(progress.current?.id).toBe("application-cleanup");
    expect(progress.blockers.map((b) => b.kind)).toEqual(["status", "criteria", "actions"]);
    expect(progress.blockers[0]?.text).toBe("on hold, although Infrastructure Resolution (phase 1) is done");
    expect(progress.blockers[1]?.text).toBe("unknown: not evaluated yet");
  });

  it("names a blocked status, or a closed gate, as the first blocker", () => {
    const phases = [
      phase({ id: "b", order: 2, startsAfter: "a" }),
      phase({ id: "a", order: 1, status: "blocked", name: "First" }),
    ];
    const progress = phaseProgress(phases, {});
    expect(progress.current?.id).toBe("a");
    expect(progress.blockers[0]).toEqual({ kind: "status", text: "marked blocked" });
    // Sorted by order even when given out of order.
    expect(progress.phases.map((p) => p.id)).toEqual(["a", "b"]);
    expect(phaseProgress([phases[0] ?? phase({ id: "x" })], {}).blockers[0]).toEqual({
      kind: "gate",
      text: 'waits for an unknown phase "a"',
    });
  });

  it("prefers an active phase over an earlier one that is not started", () => {
    const progress = phaseProgress(
      [phase({ id: "a", order: 1, status: "not-started" }), phase({ id: "b", order: 2 })],
      {},
    );
    expect(progress.current?.id).toBe("b");
  });

  it("all done: no current phase, nothing blocks", () => {
    const progress = phaseProgress([phase({ id: "a", status: "done" })], {});
    expect(progress).toMatchObject({ done: 1, total: 1, text: "1 of 1 phase done", current: null, blockers: [] });
  });

  it("criteria met adds no criteria blocker", () => {
    const p = phase({ id: "a", successCriteria: [{ id: "c", text: "t", expr: "blocking_phases() == 0" }] });
    const progress = phaseProgress([p], { a: summarizeCriteria(p, { c: evaluation("pass") }, [], NOW) });
    expect(progress.blockers).toEqual([]);
  });
});
