import { describe, expect, it } from "vitest";
import { rangeFreshness } from "./range-widget";

const figure = (stale: boolean) => ({ value: 3, stale, measuredAt: "2026-12-07T09:00:00.000Z" });

describe("rangeFreshness", () => {
  it("lets a figure be two alignment steps old", () => {
    expect(rangeFreshness({ alignmentSeconds: 60 }, false).maxAge).toBe(120);
  });

  it("marks every figure stale once a refresh failed: the last answer is never shown as current", () => {
    const { mark } = rangeFreshness({ alignmentSeconds: 60 }, true);
    expect(mark(figure(false))).toEqual({ ...figure(false), stale: true });
    expect(mark(figure(true)).stale).toBe(true);
  });

  it("leaves the answer's own staleness alone while refreshes succeed", () => {
    const { mark } = rangeFreshness({ alignmentSeconds: 60 }, false);
    expect(mark(figure(true)).stale).toBe(true);
    expect(mark(figure(false)).stale).toBe(false);
  });
});
