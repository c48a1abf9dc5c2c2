import { describe, expect, it } from "vitest";
import { seedIncident, syncedRows, withPhase } from "@/lib/tracker/testing";
import { buildView } from "@/lib/tracker/view";
import { trackerContext, wentUpAndDown } from "./context";

const NOW = Date.UTC(2025, 8, 17, 12, 0, 0);

describe("trackerContext", () => {
  it("the seed: the infrastructure team is on it (phase 1), and every open action knows whether its phase blocks staging", () => {
    const incident = withPhase(seedIncident(), "infrastructure", (p) => ({
      ...p,
      actions: p.actions.map((a) => (a.id === "scale-connector" ? { ...a, due: "2025-09-17" } : a)),
    }));
    const ctx = trackerContext(buildView(incident, syncedRows(incident, NOW), NOW), NOW);
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
    expect(trackerContext(buildView(held, syncedRows(held, NOW), NOW), NOW).workInProgress).toBeUndefined();
    const done = withPhase(seedIncident(), "infrastructure", (p) => ({
      ...p,
      status: "done",
      actions: p.actions.map((a) => ({ ...a, status: "done" })),
    }));
    const ctx = trackerContext(buildView(done, syncedRows(done, NOW), NOW), NOW);
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
