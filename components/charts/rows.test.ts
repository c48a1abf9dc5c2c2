import { describe, expect, it } from "vitest";
import { latest, toRows } from "./rows";

describe("toRows", () => {
  it("merges series by time, oldest first, leaving gaps as missing keys", () => {
    const rows = toRows({
      a: [
        { t: 120_000, v: 2 },
        { t: 60_000, v: 1 },
      ],
      b: [
        { t: 120_000, v: null },
        { t: 180_000, v: 5 },
      ],
    });
    expect(rows).toEqual([
      { t: "1970-01-01T00:01:00.000Z", a: 1 },
      { t: "1970-01-01T00:02:00.000Z", a: 2, b: null },
      { t: "1970-01-01T00:03:00.000Z", b: 5 },
    ]);
  });
  it("latest skips trailing nulls and is null for an empty series", () => {
    expect(
      latest([
        { t: 1, v: 3 },
        { t: 2, v: null },
      ]),
    ).toEqual({ t: 1, v: 3 });
    expect(latest([])).toBeNull();
  });
});
