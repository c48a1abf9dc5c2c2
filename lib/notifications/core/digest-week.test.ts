import { describe, expect, it } from "vitest";
import { lastCompleteWeek, parseWeek, previousWeek, weekOf } from "./digest-week";

const at = (s: string) => Date.parse(s);

describe("ISO weeks", () => {
  it.each([
    ["2026-W49", "2026-11-30T00:00:00.000Z"],
    ["2026-W01", "2025-12-29T00:00:00.000Z"],
    ["2020-W53", "2020-12-28T00:00:00.000Z"],
    ["2027-W52", "2027-12-27T00:00:00.000Z"],
  ])("%s starts %s", (id, start) => {
    const w = parseWeek(id);
    expect(w).toEqual({ id, start: at(start), end: at(start) + 7 * 86_400_000 });
  });

  it.each([
    ["2026-W99", "2026 has weeks 01 to 53"],
    ["2025-W53", "2025 has weeks 01 to 52"],
    ["2026-W00", "2026 has weeks 01 to 53"],
    ["garbage", "must be an ISO week like 2026-W49"],
    ["2026-w49", "must be an ISO week like 2026-W49"],
    ["1999-W10", "must be a year between 2000 and 2999"],
  ])("refuses %s", (id, problem) => {
    expect(parseWeek(id)).toEqual({ problem });
  });

  it("2026 has a week 53 (it starts on a Thursday)", () => {
    expect(parseWeek("2026-W53")).toMatchObject({ id: "2026-W53", start: at("2026-12-28T00:00:00Z") });
  });

  it("weekOf and parseWeek agree, across year ends", () => {
    for (const id of ["2026-W01", "2026-W49", "2026-W53", "2027-W01", "2020-W53", "2021-W01"]) {
      const w = parseWeek(id);
      if ("problem" in w) throw new Error(w.problem);
      expect(weekOf(w.start)).toEqual(w);
      expect(weekOf(w.end - 1)).toEqual(w);
    }
  });

  it("the last complete week ends at or before now; the previous one is before it", () => {
    const now = at("2026-12-07T09:00:00Z");
    const w = lastCompleteWeek(now);
    expect(w.id).toBe("2026-W49");
    expect(previousWeek(w).id).toBe("2026-W48");
    // On Monday 00:00 exactly the week that just ended is complete.
    expect(lastCompleteWeek(at("2026-12-07T00:00:00Z")).id).toBe("2026-W49");
    expect(lastCompleteWeek(at("2026-12-06T23:59:59Z")).id).toBe("2026-W48");
  });
});
