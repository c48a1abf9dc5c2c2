import { describe, expect, it } from "vitest";
import { criteriaForbiddingClose } from "./closing-guard";

const PHASE = {
  successCriteria: [{ id: "startup", text: "Start-ups succeed", expr: "a > 1" }],
};
const NOW = 1_000_000;
const LIMIT = 5 * 60_000;
const failed = (over: Partial<{ criterion_id: string; expr: string; evaluated_at: number }> = {}) => ({
  criterion_id: "startup",
  expr: "a > 1",
  evaluated_at: NOW - 1_000,
  ...over,
});

describe("criteriaForbiddingClose", () => {
  it.each([
    { name: "a fresh failure forbids closing, named by its text", rows: [failed()], want: ["Start-ups succeed"] },
    {
      name: "exactly at the freshness limit still counts",
      rows: [failed({ evaluated_at: NOW - LIMIT })],
      want: ["Start-ups succeed"],
    },
    { name: "a stale failure is unknown, not a failure", rows: [failed({ evaluated_at: NOW - LIMIT - 1 })], want: [] },
    { name: "no evaluation at all (missing) forbids nothing", rows: [], want: [] },
    { name: "a failure of an expression the config has since changed", rows: [failed({ expr: "a > 2" })], want: [] },
    { name: "a failure of a criterion the config no longer has", rows: [failed({ criterion_id: "gone" })], want: [] },
  ])("$name", ({ rows, want }) => {
    expect(criteriaForbiddingClose(rows, PHASE, NOW, LIMIT)).toEqual(want);
  });
});
