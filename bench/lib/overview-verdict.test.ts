import { describe, expect, it } from "vitest";
import { overviewCallVerdict, type PollResult } from "./overview-verdict";

const run = (listTimeSeries: number, requests = 36, errors = 0): PollResult => ({ listTimeSeries, requests, errors });

describe("overviewCallVerdict", () => {
  it.each<[string, PollResult, PollResult, boolean, RegExp | null]>([
    ["flat calls, no errors", run(9), run(9, 3600), true, null],
    ["10% more calls is still flat", run(10), run(11, 3600), true, null],
    ["more than 1.1× fails", run(9), run(12, 3600), false, /ratio 1\.33 is over 1\.1/],
    [
      "zero calls on both sides fails (nothing was measured)",
      run(0),
      run(0, 3600),
      false,
      /1 viewer: 0 ListTimeSeries/,
    ],
    ["zero calls for one viewer fails", run(0), run(5, 3600), false, /1 viewer: 0 ListTimeSeries/],
    ["zero calls for 100 viewers fails", run(9), run(0, 3600), false, /100 viewers: 0 ListTimeSeries/],
    ["one failed request fails", run(9), run(9, 3600, 1), false, /100 viewers: 1 of 3600 requests failed/],
    ["a failed single-viewer request fails", run(9, 36, 2), run(9, 3600), false, /1 viewer: 2 of 36 requests failed/],
    ["no requests fails", run(9, 0), run(9, 3600), false, /1 viewer: no requests/],
  ])("%s", (_name, one, hundred, pass, reason) => {
    const verdict = overviewCallVerdict(one, hundred);
    expect(verdict.pass).toBe(pass);
    if (reason) expect(verdict.reasons.join("; ")).toMatch(reason);
    else expect(verdict.reasons).toEqual([]);
  });
});
