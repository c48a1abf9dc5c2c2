import { describe, expect, it } from "vitest";
import { timeInStates } from "./digest-time";

const H = 3_600_000;

describe("time in states", () => {
  it("counts each state between recorded changes, the state before the span carried in", () => {
    const t = timeInStates(
      [
        { at: -5 * H, to: "healthy" },
        { at: 10 * H, to: "down" },
        { at: 12 * H, to: "healthy" },
      ],
      0,
      24 * H,
      24 * H,
    );
    expect(t.ms).toEqual({ unknown: 0, healthy: 22 * H, down: 2 * H });
    expect(t.share.down).toBeCloseTo(2 / 24);
  });

  it("before the first recorded state the time is unknown, never green", () => {
    const t = timeInStates([{ at: 6 * H, to: "healthy" }], 0, 24 * H, 24 * H);
    expect(t.ms).toEqual({ unknown: 6 * H, healthy: 18 * H });
  });

  it("after the last check the time is unknown (a stopped watcher), not the last state", () => {
    const t = timeInStates([{ at: -H, to: "healthy" }], 0, 24 * H, 20 * H);
    expect(t.ms).toEqual({ unknown: 4 * H, healthy: 20 * H });
  });

  it("nothing recorded at all, or never checked: all unknown", () => {
    expect(timeInStates([], 0, 24 * H, null).ms).toEqual({ unknown: 24 * H });
    expect(timeInStates([{ at: -H, to: "healthy" }], 0, 24 * H, null).ms).toEqual({ unknown: 24 * H });
  });

  it("changes after the span are ignored; order of input does not matter", () => {
    const t = timeInStates(
      [
        { at: 30 * H, to: "down" },
        { at: 2 * H, to: "down" },
        { at: -H, to: "healthy" },
      ],
      0,
      24 * H,
      40 * H,
    );
    expect(t.ms).toEqual({ unknown: 0, healthy: 2 * H, down: 22 * H });
  });
});
