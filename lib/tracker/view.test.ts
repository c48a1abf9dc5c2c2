import { describe, expect, it } from "vitest";
import type { Evaluation } from "@/lib/criteria/core";
import { buildReport, reportMarkdown } from "./report";
import type { CriterionRow } from "./store";
import { openActionsOf, summaryOf } from "./summarize";
import { seedIncident, syncedRows as rows, withPhase } from "./testing";
import { buildView } from "./view";

const NOW = Date.UTC(2025, 9, 1, 12, 0, 0);
const MIN = 60_000;
const seed = seedIncident();

function evaluation(result: "pass" | "fail", measured: string, at: number): Evaluation {
  return {
    result,
    measured,
    window: "1h",
    evaluatedAt: new Date(at).toISOString(),
    measuredAt: new Date(at - MIN).toISOString(),
    ...(result === "fail" ? { reason: `startup_success_rate(all, 1h) is ${measured}, needs > 0.95` } : {}),
    terms: [],
  };
}

function criterion(
  result: "pass" | "fail",
  measured: string,
  at: number,
  heldSince: number | null,
  expr = "startup_success_rate(all, 1h) > 0.95",
): CriterionRow {
  return {
    incident_id: "1278",
    phase_id: "infrastructure",
    criterion_id: "startup-success",
    expr,
    result,
    held_since: heldSince,
    evaluated_at: at,
    evaluation: JSON.stringify(evaluation(result, measured, at)),
  };
}

describe("buildView", () => {
  it("shows phase 1 failing with what was measured, and summarises what blocks it in plain words", () => {
    const view = buildView(seed, rows(seed, NOW, [criterion("fail", "2.1%", NOW, null)]), NOW + 10_000);
    const c = view.phases[0]?.criteria[0];
    expect(c).toMatchObject({ result: "fail", measured: "2.1%", window: "1h", chart: { href: "/startups?range=1h" } });
    const s = summaryOf(view);
    expect(s).toMatchObject({
      phasesDone: 0,
      phasesTotal: 3,
      progressText: "0 of 3 phases done",
      currentPhase: { id: "infrastructure", order: 1, status: "active" },
    });
    expect(s.blockedBy).toBe(
      'Infrastructure Resolution (phase 1): "Staging achieves >95% startup success rate" is not met (measured 2.1%).',
    );
    expect(s.blockingPhases).toEqual([{ id: "infrastructure", name: "Infrastructure Resolution", order: 1 }]);
  });

  it("counts a hold only up to the last evaluation, and says how long is left", () => {
    const evaluatedAt = NOW;
    const view = buildView(
      seed,
      rows(seed, evaluatedAt, [criterion("pass", "97%", evaluatedAt, evaluatedAt - 10 * MIN)]),
      NOW + 2 * MIN,
    );
    const c = view.phases[0]?.criteria[0];
    expect(c).toMatchObject({
      result: "pass",
      held: false,
      heldForSeconds: 600,
      remainingSeconds: 1200,
      heldSince: new Date(NOW - 10 * MIN).toISOString(),
    });
    expect(view.phases[0]?.readyToClose).toBe(false);
    expect(summaryOf(view).blockedBy).toBe(
      'Infrastructure Resolution (phase 1): "Staging achieves >95% startup success rate" passes but must hold 20 min more.',
    );
  });

  it("criteria met and held: ready to close (not closed: autoClose is off in the seed)", () => {
    const view = buildView(seed, rows(seed, NOW, [criterion("pass", "99%", NOW, NOW - 31 * MIN)]), NOW);
    expect(view.phases[0]).toMatchObject({
      status: "active",
      readyToClose: true,
      criteriaState: "met",
      criteriaText: "criteria met — ready to close",
    });
    expect(summaryOf(view).readyToClose.map((p) => p.id)).toEqual(["infrastructure"]);
  });

  it("shows an evaluation older than 5 minutes as unknown, never as the pass it was", () => {
    const view = buildView(seed, rows(seed, NOW, [criterion("pass", "99%", NOW, NOW - 31 * MIN)]), NOW + 6 * MIN);
    const c = view.phases[0]?.criteria[0];
    expect(c?.result).toBe("unknown");
    expect(c?.reason).toBe("last evaluated 6 min ago; the evaluation is not current");
    expect(view.phases[0]?.readyToClose).toBe(false);
  });

  it("ignores a stored result of an expression the config has since changed", () => {
    const view = buildView(
      seed,
      rows(seed, NOW, [criterion("pass", "99%", NOW, NOW - 31 * MIN, "startup_success_rate(all, 1h) > 0.5")]),
      NOW,
    );
    expect(view.phases[0]?.criteria[0]).toMatchObject({
      result: "unknown",
      measured: "no data",
      reason: "not evaluated yet",
    });
  });
});

describe("openActionsOf", () => {
  it("lists actions not done, soonest due first, and marks the overdue ones", () => {
    const incident = withPhase(seed, "validation", (p) => ({
      ...p,
      actions: p.actions.map((a, i) => ({ ...a, due: i === 0 ? "2025-09-30" : "2025-10-05" })),
    }));
    const list = openActionsOf(buildView(incident, rows(incident, NOW), NOW), NOW);
    expect(list.slice(0, 2).map((a) => [a.id, a.due, a.overdue])).toEqual([
      ["comprehensive-monitoring", "2025-09-30", true],
      ["golden-path-validation", "2025-10-05", false],
    ]);
    expect(list).toHaveLength(8);
    expect(list.at(-1)?.due).toBeNull();
  });
});

describe("leadership report", () => {
  it("states the verdict, the criteria with their evidence, and the changes", () => {
    const view = buildView(seed, rows(seed, NOW, [criterion("fail", "2.1%", NOW, null)]), NOW);
    const change = {
      id: "x",
      at: new Date(NOW - MIN).toISOString(),
      actor: "engineer",
      actorRole: "engineer",
      entity: "action" as const,
      phaseId: "infrastructure",
      entityId: "scale-connector",
      change: "update",
      summary: '"VPC connector scaling": status "in-progress" → "done"',
      before: null,
      after: null,
      reason: null,
    };
    const md = reportMarkdown(buildReport(view, [change], "2025-09-24T00:00:00.000Z", NOW));
    expect(md).toContain(
      '**Verdict:** #1278 (P0) is not resolved: 0 of 3 phases done. Blocking: Infrastructure Resolution (phase 1). Infrastructure Resolution (phase 1): "Staging achieves >95% startup success rate" is not met (measured 2.1%).',
    );
    expect(md).toContain(
      "| Staging achieves >95% startup success rate | FAIL | 2.1% | 1h | 2025-10-01 11:59 UTC | `startup_success_rate(all, 1h) > 0.95` |",
    );
    expect(md).toContain("### Phase 2: Application Cleanup — held");
    expect(md).toContain("## Changes since 2025-09-24 00:00 UTC");
    expect(md).toContain('- 2025-10-01 11:59 UTC — engineer: "VPC connector scaling": status "in-progress" → "done"');
  });
});

function fail(): never {
  throw new Error("no action in the seed");
}

describe("leadership report with hostile user text", () => {
  it("an action title with newlines, a heading and a link stays one escaped list line", () => {
    const view = buildView(seed, rows(seed, NOW, [criterion("fail", "2.1%", NOW, null)]), NOW);
    const phase = view.phases[0];
    if (!phase) throw new Error("no phase in the seed");
    const hostile = {
      ...view,
      phases: [
        {
          ...phase,
          actions: [
            {
              ...(phase.actions[0] ?? fail()),
              status: "todo" as const,
              title: "ok\n# Owned\n[win](https://evil.example) <b>x</b>",
            },
          ],
        },
        ...view.phases.slice(1),
      ],
    };
    const md = reportMarkdown(buildReport(hostile, [], null, NOW));
    expect(md).not.toMatch(/^# Owned/m);
    expect(md).not.toContain("](https://");
    expect(md).not.toMatch(/(^|[^\\])<b>/m);
    expect(md).toContain("- ok # Owned \\[win\\](https:\\/\\/evil.example) \\<b>x\\</b>");
  });
});
