import { describe, expect, it } from "vitest";
import { zeroCounts } from "@/lib/core/failure-causes";
import { chooseFailureCounts, type FailureCountRead } from "./failure-source";

const interval = { startMs: Date.UTC(2025, 8, 17, 6), endMs: Date.UTC(2025, 8, 17, 12) };
const metricTotals = { ...zeroCounts(), "exit-code": 7_412 };
const backendTotals = { ...zeroCounts(), "exit-code": 7_000 };
const logTotals = { ...zeroCounts(), "exit-code": 5_000 };
const windows = [{ t: interval.endMs, counts: metricTotals }];
const counted = (countingSinceMs: number): FailureCountRead => ({
  state: "counted",
  countingSinceMs,
  totals: metricTotals,
  windows,
  byService: { backend: { totals: backendTotals, windows: [{ t: interval.endMs, counts: backendTotals }] } },
});
const capped = { totals: logTotals, windows: [{ t: interval.endMs, counts: logTotals }], truncated: true };
const complete = { ...capped, truncated: false };

describe("chooseFailureCounts", () => {
  it("takes the log-based metrics when they counted the whole range: exact, not capped", () => {
    const c = chooseFailureCounts(counted(interval.startMs - 1), capped, interval);
    expect(c).toEqual({
      totals: metricTotals,
      windows,
      truncated: false,
      source: "log-metric",
      countingSince: new Date(interval.startMs - 1).toISOString(),
      note: null,
    });
  });

  it("falls back on the capped read when creating the metrics was refused, and says why", () => {
    const c = chooseFailureCounts(
      { state: "refused", reason: "No permission to create log-based metrics" },
      capped,
      interval,
    );
    expect(c).toMatchObject({
      totals: logTotals,
      truncated: true,
      source: "log-read (capped)",
      countingSince: null,
      note: "No permission to create log-based metrics",
    });
  });

  it("falls back when the counts could not be read", () => {
    const c = chooseFailureCounts(
      { state: "unavailable", reason: "Cloud Monitoring: UNAVAILABLE" },
      complete,
      interval,
    );
    expect(c.source).toBe("log-read (capped)");
    expect(c.truncated).toBe(false);
  });

  it("prefers a complete log read when the metrics began counting inside the range", () => {
    const since = interval.startMs + 3_600_000;
    const c = chooseFailureCounts(counted(since), complete, interval);
    expect(c.source).toBe("log-read (capped)");
    expect(c.totals).toBe(logTotals);
    expect(c.countingSince).toBe(new Date(since).toISOString());
    expect(c.note).toContain("07:00 UTC");
  });

  it("with a capped read, counts since creation and says when counting began", () => {
    const since = interval.startMs + 3_600_000;
    const c = chooseFailureCounts(counted(since), capped, interval);
    expect(c).toMatchObject({
      source: "log-metric",
      totals: metricTotals,
      truncated: false,
      countingSince: new Date(since).toISOString(),
    });
    expect(c.note).toContain("Counted since 2025-09-17 07:00 UTC");
  });

  it("metrics created after the range ended have no data for it: the capped read, said so", () => {
    const c = chooseFailureCounts(counted(interval.endMs), capped, interval);
    expect(c).toMatchObject({ source: "log-read (capped)", truncated: true, totals: logTotals });
    expect(c.note).toContain("no data for this range yet");
  });

  it("narrows the metric counts to one service; a service without a series counted zero", () => {
    expect(chooseFailureCounts(counted(interval.startMs), capped, interval, "backend")).toMatchObject({
      source: "log-metric",
      totals: backendTotals,
    });
    const auth = chooseFailureCounts(counted(interval.startMs), capped, interval, "auth");
    expect(auth.totals).toEqual(zeroCounts());
    expect(auth.windows).toEqual([{ t: interval.endMs, counts: zeroCounts() }]);
  });
});
