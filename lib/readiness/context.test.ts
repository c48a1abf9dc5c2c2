import { describe, expect, it } from "vitest";
import type { ActionRow, PhaseRow, TrackerRows } from "@/lib/tracker/store";
import { seedIncident, withPhase } from "@/lib/tracker/testing";
import type { Incident } from "@/lib/tracker/types";
import { buildView } from "@/lib/tracker/view";
import { trackerContext, wentUpAndDown } from "./context";

const NOW = Date.UTC(2025, 8, 17, 12, 0, 0);

/** The rows the store holds right after syncing `incident`. */
function rows(incident: Incident): TrackerRows {
  const phases: PhaseRow[] = incident.phases.map((p) => ({
    incident_id: incident.id,
    phase_id: p.id,
    status: p.status,
    base_status: p.status,
    version: 1,
    updated_at: 0,
    updated_by: "staging config",
  }));
  const actions: ActionRow[] = incident.phases.flatMap((p) =>
    p.actions.map((a, i) => ({
      incident_id: incident.id,
      phase_id: p.id,
      action_id: a.id,
      title: a.title,
      owner: a.owner,
      status: a.status,
      due: a.due ?? null,
      links: JSON.stringify(a.links),
      position: i,
      source: "config",
      base: null,
      deleted_at: null,
      version: 1,
      created_at: 0,
      updated_at: 0,
      updated_by: "staging config",
    })),
  );
  return {
    phases,
    actions,
    criteria: [],
    conflicts: [],
    decisions: [],
    meta: { incident_id: incident.id, evaluated_at: NOW, evaluation_error: null },
  };
}

describe("trackerContext", () => {
  it("the seed: the infrastructure team is on it (phase 1), and every open action knows whether its phase blocks staging", () => {
    const incident = withPhase(seedIncident(), "infrastructure", (p) => ({
      ...p,
      actions: p.actions.map((a) => (a.id === "scale-connector" ? { ...a, due: "2025-09-17" } : a)),
    }));
    const ctx = trackerContext(buildView(incident, rows(incident), NOW), NOW);
    expect(ctx.workInProgress).toEqual({ team: "Infrastructure Team", phaseOrder: 1 });
    expect(ctx.openActions[0]).toEqual({
      title: "VPC connector scaling",
      ownerTeam: "Infrastructure Team",
      due: "2025-09-17",
      phaseOrder: 1,
      phaseBlocking: true,
    });
    expect(ctx.openActions.filter((a) => a.phaseBlocking).map((a) => a.title)).toEqual([
      "VPC connector scaling",
      "Cloud SQL optimization",
      "Regional investigation",
    ]);
    expect(ctx.openActions.find((a) => a.title === "JWT standardization")).toMatchObject({
      phaseOrder: 2,
      phaseBlocking: false,
    });
  });

  it("nobody is 'on it' when the current phase is held, and a done blocking phase blocks nothing", () => {
    const held = withPhase(seedIncident(), "infrastructure", (p) => ({ ...p, status: "held" }));
    expect(trackerContext(buildView(held, rows(held), NOW), NOW).workInProgress).toBeUndefined();
    const done = withPhase(seedIncident(), "infrastructure", (p) => ({
      ...p,
      status: "done",
      actions: p.actions.map((a) => ({ ...a, status: "done" })),
    }));
    const ctx = trackerContext(buildView(done, rows(done), NOW), NOW);
    expect(ctx.openActions.some((a) => a.phaseBlocking)).toBe(false);
    expect(ctx.openActions.some((a) => a.phaseOrder === 1)).toBe(false);
  });
});

describe("wentUpAndDown", () => {
  const change = (probe: string, from: string, to: string) => ({ probe, from_status: from, to_status: to });
  it.each<[string, ReturnType<typeof change>[], string[]]>([
    ["no changes", [], []],
    ["first result only", [change("a", "unknown", "up")], []],
    ["went down once", [change("a", "up", "down")], []],
    ["down and back up", [change("a", "up", "down"), change("a", "down", "up")], ["a"]],
    ["down to missing is not up and down", [change("a", "up", "down"), change("a", "down", "missing")], []],
    ["degraded counts as not up", [change("a", "up", "degraded"), change("a", "degraded", "up")], ["a"]],
    ["per probe", [change("a", "up", "down"), change("b", "down", "up"), change("b", "up", "down")], ["b"]],
  ])("%s", (_name, changes, probes) => {
    expect(wentUpAndDown(changes)).toEqual(probes);
  });
});
