import { describe, expect, it } from "vitest";
import { applyAttempt, INITIAL_FLAP_STATE, shownStatus, type FlapSettings, type FlapState } from "./flap";
import type { AttemptStatus } from "./types";

const DEFAULTS: FlapSettings = { failAfter: 3, recoverAfter: 2, window: 10, changes: 4 };

function feed(attempts: AttemptStatus[], cfg = DEFAULTS, start: FlapState = INITIAL_FLAP_STATE) {
  let state = start;
  const shown: string[] = [];
  const changes: string[] = [];
  attempts.forEach((a, i) => {
    const r = applyAttempt(state, a, 1000 * i, cfg);
    state = r.state;
    shown.push(shownStatus(state));
    if (r.change) changes.push(`${r.change.from}->${r.change.to}`);
  });
  return { state, shown, changes };
}

describe("flap control", () => {
  it.each<[string, AttemptStatus[], string[]]>([
    ["the first result settles at once", ["missing"], ["missing"]],
    ["two failures do not bring an up target down", ["up", "down", "down", "up"], ["up", "up", "up", "up"]],
    ["three failures in a row do", ["up", "down", "down", "down"], ["up", "up", "up", "down"]],
    ["mixed failures count together", ["up", "down", "missing", "down"], ["up", "up", "up", "down"]],
    ["one good result does not recover", ["down", "up", "down"], ["down", "down", "down"]],
    ["two good results in a row recover", ["down", "up", "up"], ["down", "down", "up"]],
    ["slow results degrade after three", ["up", "degraded", "degraded", "degraded"], ["up", "up", "up", "degraded"]],
    [
      "down to missing needs three of the new kind",
      ["down", "missing", "missing", "missing"],
      ["down", "down", "down", "missing"],
    ],
  ])("%s", (_name, attempts, expected) => {
    expect(feed(attempts).shown).toEqual(expected);
  });

  it("records when the settled state began", () => {
    const { state } = feed(["up", "up", "down", "down", "down"]);
    expect(state).toMatchObject({ status: "down", since: 4000 });
  });

  it("alternating results become flapping, then settle back after calm", () => {
    const alternating: AttemptStatus[] = ["up", "down", "up", "down", "up"];
    const a = feed(alternating);
    expect(a.shown.at(-1)).toBe("flapping");
    expect(a.changes).toEqual(["unknown->up", "up->flapping"]);
    const b = feed(["up", "up", "up", "up", "up", "up", "up", "up"], DEFAULTS, a.state);
    expect(b.shown.at(-1)).toBe("up");
    expect(b.changes).toEqual(["flapping->up"]);
  });

  it("honours configured thresholds", () => {
    const cfg = { ...DEFAULTS, failAfter: 1, recoverAfter: 1 };
    expect(feed(["up", "down", "up"], cfg).shown).toEqual(["up", "down", "up"]);
  });
});
