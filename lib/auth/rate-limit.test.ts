import { describe, expect, it } from "vitest";
import { FailureLimiter } from "./rate-limit";
import { safeCallbackUrl } from "./callback-url";

describe("FailureLimiter", () => {
  it("allows up to the limit, then blocks until the window ends", () => {
    const limiter = new FailureLimiter(3, 60_000);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterMs("a", 1_000)).toBe(0);
      limiter.recordFailure("a", 1_000);
    }
    expect(limiter.retryAfterMs("a", 11_000)).toBe(50_000);
    expect(limiter.retryAfterMs("b", 11_000)).toBe(0);
    expect(limiter.retryAfterMs("a", 61_000)).toBe(0);
  });

  it("forgets a key on reset", () => {
    const limiter = new FailureLimiter(1, 60_000);
    limiter.recordFailure("a", 0);
    expect(limiter.retryAfterMs("a", 1)).toBeGreaterThan(0);
    limiter.reset("a");
    expect(limiter.retryAfterMs("a", 1)).toBe(0);
  });
});

describe("safeCallbackUrl", () => {
  it.each([
    [undefined, "/"],
    ["/tracker?range=24h", "/tracker?range=24h"],
    ["https://evil.example/", "/"],
    ["//evil.example/", "/"],
    ["/\\evil.example", "/"],
    ["/login?callbackUrl=/", "/"],
    [["/probes", "/x"], "/probes"],
  ])("%j → %s", (input, expected) => {
    expect(safeCallbackUrl(input)).toBe(expected);
  });
});
