import { describe, expect, it } from "vitest";
import { isUsable, makeFigure, maxPointAgeSeconds, unknownFigure } from "./figure";

const now = Date.UTC(2025, 0, 1, 12, 0, 0);

describe("makeFigure", () => {
  it.each([
    [
      "fresh",
      42,
      now - 60_000,
      {},
      {
        value: 42,
        measuredAt: "2025-01-01T11:59:00.000Z",
        stale: false,
        ageSeconds: 60,
        staleAfter: "2025-01-01T12:09:00.000Z",
      },
    ],
    [
      "too old",
      42,
      now - 601_000,
      {},
      {
        value: 42,
        measuredAt: "2025-01-01T11:49:59.000Z",
        stale: true,
        ageSeconds: 601,
        staleAfter: "2025-01-01T11:59:59.000Z",
      },
    ],
    [
      "served stale by the source",
      42,
      now - 1_000,
      { stale: true },
      {
        value: 42,
        measuredAt: "2025-01-01T11:59:59.000Z",
        stale: true,
        ageSeconds: 1,
        staleAfter: "2025-01-01T11:59:59.000Z",
      },
    ],
    [
      "never measured",
      null,
      null,
      {},
      { value: null, measuredAt: null, stale: false, ageSeconds: null, staleAfter: null },
    ],
    [
      "clock skew never gives a negative age",
      1,
      now + 5_000,
      {},
      {
        value: 1,
        measuredAt: "2025-01-01T12:00:05.000Z",
        stale: false,
        ageSeconds: 0,
        staleAfter: "2025-01-01T12:10:05.000Z",
      },
    ],
  ])("%s", (_name, value, at, opts, expected) => {
    expect(makeFigure(value, at, now, { maxAgeSeconds: 600, ...opts })).toEqual(expected);
  });
});

describe("isUsable", () => {
  it.each([
    [makeFigure(0.9, now, now, { maxAgeSeconds: 60 }), true],
    [makeFigure(0, now, now, { maxAgeSeconds: 60 }), true],
    [makeFigure(0.9, now - 120_000, now, { maxAgeSeconds: 60 }), false],
    [makeFigure(null, now, now, { maxAgeSeconds: 60 }), false],
    [unknownFigure<number>(), false],
  ])("%o → %s", (f, usable) => expect(isUsable(f)).toBe(usable));
});

describe("maxPointAgeSeconds", () => {
  it.each([
    [60, 300],
    [120, 420],
    [300, 780],
    [3600, 7380],
  ])("period %d s → %d s", (p, age) => expect(maxPointAgeSeconds(p)).toBe(age));
});
