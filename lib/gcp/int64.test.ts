import { describe, expect, it } from "vitest";
import { parseInt64 } from "./int64";

describe("parseInt64", () => {
  it.each([
    ["0", { value: 0 }],
    ["42", { value: 42 }],
    ["-17", { value: -17 }],
    ["9007199254740991", { value: 9007199254740991 }], // 2^53 - 1: exact
    ["9007199254740992", { value: 9007199254740992 }], // 2^53: representable, exact
    ["9007199254740993", { value: 9007199254740992, exact: "9007199254740993" }], // 2^53 + 1: not representable
    ["9223372036854775807", { value: 9223372036854775807, exact: "9223372036854775807" }], // int64 max
    ["-9007199254740993", { value: -9007199254740992, exact: "-9007199254740993" }],
    [12, { value: 12 }],
  ] as const)("%s → %o", (raw, expected) => {
    expect(parseInt64(raw)).toEqual(expected);
  });

  it.each([[""], [null], [undefined], ["1.5"], ["abc"], [Number.NaN]])("%s is not an int64", (raw) => {
    expect(parseInt64(raw)).toBeNull();
  });
});
