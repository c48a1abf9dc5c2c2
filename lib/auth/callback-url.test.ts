import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./callback-url";

describe("safeCallbackUrl", () => {
  it.each([
    [undefined, "/"],
    ["/tracker?range=24h", "/tracker?range=24h"],
    ["/probes#db", "/probes#db"],
    ["https://evil.example/", "/"],
    ["//evil.example/", "/"],
    ["/\\evil.example", "/"],
    ["/a\\b", "/"],
    ["/\t/evil.example", "/"],
    ["/\n/evil.example", "/"],
    ["/\r\n/evil.example", "/"],
    ["/%09/evil.example", "/%09/evil.example"],
    ["/\u0000", "/"],
    ["/\u007f/evil.example", "/"],
    ["/login?callbackUrl=/", "/"],
    ["/./login", "/"],
    ["/x/..//evil.example", "/"],
    ["javascript:alert(1)", "/"],
    [" /tracker", "/"],
    [["/probes", "/x"], "/probes"],
    [[], "/"],
  ])("%j → %s", (input, expected) => {
    expect(safeCallbackUrl(input as string | string[] | undefined)).toBe(expected);
  });
});
