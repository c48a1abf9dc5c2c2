import { describe, expect, it } from "vitest";
import type { MaintenanceNote } from "../maintenance/types";
import type { Evaluation } from "../criteria/types";
import { demoVerdict } from "./verdict";
import type { CheckStatus, ReadinessCheckInput, Verdict } from "./types";

/** Readiness in maintenance: never GO, never hiding a NO-GO; stale and missing evidence stay what they were. */

const NOW = new Date("2026-12-07T10:00:00.000Z");
const ago = (s: number) => new Date(NOW.getTime() - s * 1_000).toISOString();

function evaluation(given: CheckStatus | "missing"): Evaluation | null {
  if (given === "missing") return null;
  const base = { measured: "x", window: null, evaluatedAt: NOW.toISOString(), terms: [] };
  if (given === "unknown") return { ...base, result: "unknown", measured: "no data", measuredAt: null };
  if (given === "stale") return { ...base, result: "pass", measuredAt: ago(600) };
  return { ...base, result: given, measuredAt: ago(30) };
}
const check = (given: CheckStatus | "missing"): ReadinessCheckInput => ({
  id: "a",
  label: "Check a",
  severity: "blocker",
  evaluation: evaluation(given),
  maxAgeSeconds: 120,
});

const note: MaintenanceNote = {
  id: "w",
  scope: "probe:backend-health",
  reason: "Connector migration",
  startsAt: "2026-12-07T09:30:00.000Z",
  endsAt: "2026-12-07T10:30:00.000Z",
};

describe("demoVerdict with maintenance", () => {
  it.each<[CheckStatus | "missing", readonly MaintenanceNote[] | null | undefined, Verdict]>([
    ["pass", undefined, "GO"],
    ["pass", [], "GO"],
    ["pass", [note], "CAUTION"],
    ["pass", null, "CAUTION"], // not knowing whether there is maintenance is no GO either
    ["fail", [note], "NO-GO"],
    ["fail", undefined, "NO-GO"],
    ["stale", [note], "CAUTION"],
    ["stale", [], "CAUTION"],
    ["unknown", [note], "CAUTION"],
    ["missing", [note], "CAUTION"],
    ["missing", [], "CAUTION"],
  ])("%s with %j → %s", (given, maintenance, verdict) => {
    const v = demoVerdict([check(given)], NOW, maintenance === undefined ? {} : { maintenance });
    expect(v.verdict).toBe(verdict);
    // The check's own status is never rewritten by the window.
    expect(v.reasons[0]?.status).toBe(given === "missing" ? "unknown" : given);
  });

  it("says when planned work ends, without its internal reason (the share view shows the summary)", () => {
    const v = demoVerdict([check("pass")], NOW, { maintenance: [note] });
    expect(v.summary).toBe(
      "Demo possible, with risk: read the reasons below before the call. Staging is in planned maintenance until 10:30 UTC.",
    );
    expect(v.maintenance).toEqual([note]);
  });
});
