import { describe, expect, it } from "vitest";

import { claimCooldown, retryAfterSeconds } from "./cooldown";

describe("claimCooldown", () => {
  it("grants the first claim, then tells the time left until the window ends", () => {
    expect(claimCooldown("test-a", "k", 1_000, 30_000)).toBe(0);
    expect(claimCooldown("test-a", "k", 11_000, 30_000)).toBe(20_000);
    expect(claimCooldown("test-a", "k", 30_999, 30_000)).toBe(1);
    expect(claimCooldown("test-a", "k", 31_000, 30_000)).toBe(0);
    expect(claimCooldown("test-a", "k", 32_000, 30_000)).toBe(29_000);
  });

  it("a refused claim does not move the window", () => {
    expect(claimCooldown("test-b", "k", 0, 10_000)).toBe(0);
    expect(claimCooldown("test-b", "k", 9_000, 10_000)).toBe(1_000);
    expect(claimCooldown("test-b", "k", 10_000, 10_000)).toBe(0);
  });

  it("keeps keys and cool-downs apart", () => {
    expect(claimCooldown("test-c", "one", 0, 10_000)).toBe(0);
    expect(claimCooldown("test-c", "two", 0, 10_000)).toBe(0);
    expect(claimCooldown("test-d", "one", 0, 10_000)).toBe(0);
    expect(claimCooldown("test-c", "one", 1, 10_000)).toBe(9_999);
  });
});

describe("retryAfterSeconds", () => {
  it.each([
    [1, 1],
    [999, 1],
    [1_000, 1],
    [1_001, 2],
    [29_500, 30],
    [0, 1],
  ])("%i ms → %i s", (ms, s) => expect(retryAfterSeconds(ms)).toBe(s));
});
