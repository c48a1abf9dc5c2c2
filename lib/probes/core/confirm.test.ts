import { describe, expect, it } from "vitest";
import { GOLDEN_PATH_RECHECK_SECONDS, recheckDelayMs, recheckSecondsOf, type RecheckSettings } from "./confirm";
import { applyAttempt, INITIAL_FLAP_STATE, type FlapState } from "./flap";
import type { AttemptStatus } from "./types";

const flap = { failAfter: 2, recoverAfter: 2, window: 10, changes: 4 };
const golden: RecheckSettings = { goldenPath: true, intervalSeconds: 15, flap };

function after(attempts: AttemptStatus[], cfg: RecheckSettings = golden): FlapState {
  return attempts.reduce((s, a, i) => applyAttempt(s, a, i * 1000, cfg.flap).state, INITIAL_FLAP_STATE);
}

describe("confirm on failure: when to re-check", () => {
  it.each<[string, AttemptStatus[], number | null]>([
    ["nothing measured yet", [], null],
    ["the first result settles at once, failing or not", ["down"], null],
    ["healthy", ["up", "up"], null],
    ["a first failure after up is re-checked", ["up", "down"], GOLDEN_PATH_RECHECK_SECONDS * 1000],
    ["missing counts as a failure", ["up", "missing"], GOLDEN_PATH_RECHECK_SECONDS * 1000],
    ["degraded counts as a failure", ["up", "degraded"], GOLDEN_PATH_RECHECK_SECONDS * 1000],
    ["confirmed down: no more re-checks", ["up", "down", "down"], null],
    ["still down: the interval is enough", ["up", "down", "down", "down"], null],
    ["a good result ends the suspicion", ["up", "down", "up"], null],
    ["recovery is not hurried: up after down waits the interval", ["down", "up"], null],
    ["down to missing is a new failure kind: re-checked", ["down", "missing"], GOLDEN_PATH_RECHECK_SECONDS * 1000],
  ])("%s", (_name, attempts, expected) => {
    expect(recheckDelayMs(after(attempts), golden)).toBe(expected);
  });

  it("asks for at most failAfter − 1 re-checks per suspicion", () => {
    const cfg: RecheckSettings = { ...golden, flap: { ...flap, failAfter: 4 } };
    let state = after(["up"], cfg);
    let rechecks = 0;
    for (let i = 0; i < 10; i++) {
      state = applyAttempt(state, "down", i, cfg.flap).state;
      if (recheckDelayMs(state, cfg) !== null) rechecks++;
    }
    expect(rechecks).toBe(3);
    expect(state.status).toBe("down");
  });

  it("a flapping target is re-checked no more than a steady one per failure", () => {
    let state = after(["up"]);
    const asked: (number | null)[] = [];
    for (const a of ["down", "up", "down", "up", "down", "up"] as AttemptStatus[]) {
      state = applyAttempt(state, a, 0, flap).state;
      asked.push(recheckDelayMs(state, golden));
    }
    expect(asked).toEqual([3000, null, 3000, null, 3000, null]);
    expect(state.flapping).toBe(true);
  });

  it("is configured per probe: golden-path default, explicit seconds, off, and never beyond the interval", () => {
    expect(recheckSecondsOf(golden)).toBe(GOLDEN_PATH_RECHECK_SECONDS);
    expect(recheckSecondsOf({ ...golden, goldenPath: false })).toBeNull();
    expect(recheckSecondsOf({ ...golden, goldenPath: false, flap: { ...flap, recheckSeconds: 5 } })).toBe(5);
    expect(recheckSecondsOf({ ...golden, flap: { ...flap, recheckSeconds: 0 } })).toBeNull();
    expect(recheckSecondsOf({ ...golden, intervalSeconds: 5, flap: { ...flap, recheckSeconds: 5 } })).toBeNull();
    expect(recheckDelayMs(after(["up", "down"]), { ...golden, goldenPath: false })).toBeNull();
  });
});
