import { describe, expect, it } from "vitest";
import { MAX_SLO_WINDOW_DAYS, MIN_SLO_WINDOW_DAYS } from "@/lib/core/slo-windows";
import { MAX_POINTS_PER_QUERY, pointsOf, sloIntervals } from "./intervals";

describe("SLO read intervals", () => {
  const now = Date.UTC(2026, 10, 30, 12, 34, 56, 789);

  it.each(Array.from({ length: MAX_SLO_WINDOW_DAYS - MIN_SLO_WINDOW_DAYS + 1 }, (_, i) => MIN_SLO_WINDOW_DAYS + i))(
    "a %i-day SLO reads ≤ 1,000 points per query",
    (days) => {
      const { fine, coarse } = sloIntervals(now, days);
      expect(pointsOf(fine)).toBe(360);
      expect(pointsOf(coarse)).toBe(days * 24);
      expect(pointsOf(coarse)).toBeLessThanOrEqual(MAX_POINTS_PER_QUERY);
    },
  );

  it("ends on period boundaries, so a minute (an hour) of requests share one interval", () => {
    const a = sloIntervals(now, 28);
    const b = sloIntervals(now + 3_000, 28);
    expect(a).toEqual(b);
    expect(a.fine.endMs).toBe(Date.UTC(2026, 10, 30, 12, 34));
    expect(a.coarse.endMs).toBe(Date.UTC(2026, 10, 30, 12));
    expect(a.coarse.startMs).toBe(Date.UTC(2026, 10, 2, 12));
  });
});
