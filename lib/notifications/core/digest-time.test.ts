import { describe, expect, it } from "vitest";
import { timeInStates } from "./digest-time";

const H = 3_600_000;
/** Every hour of the span had a check. */
const ALL = Array.from({ length: 48 }, (_, i) => (i - 8) * H);

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
      ALL,
    );
    expect(t.ms).toEqual({ unknown: 0, healthy: 22 * H, down: 2 * H });
    expect(t.share.down).toBeCloseTo(2 / 24);
  });

  it("before the first recorded state the time is unknown, never green", () => {
    const t = timeInStates([{ at: 6 * H, to: "healthy" }], 0, 24 * H, 24 * H, ALL);
    expect(t.ms).toEqual({ unknown: 6 * H, healthy: 18 * H });
  });

  it("after the last check the time is unknown (a stopped watcher), not the last state", () => {
    const t = timeInStates([{ at: -H, to: "healthy" }], 0, 24 * H, 20 * H, ALL);
    expect(t.ms).toEqual({ unknown: 4 * H, healthy: 20 * H });
  });

  it("nothing recorded at all, or never checked: all unknown", () => {
    expect(timeInStates([], 0, 24 * H, null, []).ms).toEqual({ unknown: 24 * H });
    expect(timeInStates([{ at: -H, to: "healthy" }], 0, 24 * H, null, ALL).ms).toEqual({ unknown: 24 * H });
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
      ALL,
    );
    expect(t.ms).toEqual({ unknown: 0, healthy: 2 * H, down: 22 * H });
  });

  it("hours inside the span with no check are unknown, not the state recorded before them", () => {
    // Healthy since before the span and "checked" at the end, but nobody checked from 5:00 to 17:00
    // (the leader was down): those 12 hours are unknown, never 24 h of healthy.
    const checked = ALL.filter((h) => h < 5 * H || h >= 17 * H);
    const t = timeInStates([{ at: -H, to: "healthy" }], 0, 24 * H, 24 * H, checked);
    expect(t.ms).toEqual({ unknown: 12 * H, healthy: 12 * H });
  });

  it("a red stretch in an unchecked hour is unknown too, and a partly checked change splits by hour", () => {
    const checked = ALL.filter((h) => h !== 10 * H);
    const t = timeInStates(
      [
        { at: -H, to: "healthy" },
        { at: 9.5 * H, to: "down" },
        { at: 11.5 * H, to: "healthy" },
      ],
      0,
      24 * H,
      24 * H,
      checked,
    );
    expect(t.ms).toEqual({ unknown: H, healthy: 22 * H, down: H });
  });

  it("no check in any hour: the whole span is unknown whatever was recorded", () => {
    const t = timeInStates([{ at: -H, to: "healthy" }], 0, 24 * H, 24 * H, []);
    expect(t.ms).toEqual({ unknown: 24 * H });
  });
});
