import { describe, expect, it } from "vitest";
import { resultAge } from "./freshness";

// 30 s interval, 5 s timeout: a result is good for 3 × 30 s + 5 s = 95 s.
const PROBE = { intervalSeconds: 30, timeoutMs: 5_000 };
const CHECKED = 1_000_000;

describe("resultAge", () => {
  it.each([
    { name: "just checked", now: CHECKED, kind: "fresh" },
    { name: "two missed runs and a slow third: still fresh", now: CHECKED + 95_000, kind: "fresh" },
    { name: "one millisecond past the limit", now: CHECKED + 95_001, kind: "stale" },
    { name: "hours old", now: CHECKED + 3 * 3_600_000, kind: "stale" },
    // A clock step back (another replica's clock) makes nothing stale that was fresh.
    { name: "checked after now", now: CHECKED - 1_000, kind: "fresh" },
  ])("$name → $kind", ({ now, kind }) => {
    expect(resultAge(PROBE, CHECKED, now)).toEqual({ kind, staleAfterMs: CHECKED + 95_000 });
  });

  it("never checked is missing, at any time: no limit to be within", () => {
    expect(resultAge(PROBE, null, CHECKED)).toEqual({ kind: "missing" });
    expect(resultAge(PROBE, null, 0)).toEqual({ kind: "missing" });
  });

  it("a longer interval or timeout keeps a result longer", () => {
    const now = CHECKED + 100_000;
    expect(resultAge(PROBE, CHECKED, now).kind).toBe("stale");
    expect(resultAge({ ...PROBE, intervalSeconds: 60 }, CHECKED, now).kind).toBe("fresh");
    expect(resultAge({ ...PROBE, timeoutMs: 10_000 }, CHECKED, now).kind).toBe("fresh");
  });
});
