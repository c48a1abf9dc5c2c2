import { describe, expect, it } from "vitest";
import { audienceOf } from "./audience";

describe("who is owed a change around a maintenance window", () => {
  it.each([
    // held, previous, announced, state → audience, heard
    [true, "up", "up", "down", "everyone", "up"], // in the window: routing holds, the feed and the opted-in channels hear it
    [false, "up", "up", "down", "everyone", "up"], // no window involved
    [false, null, null, "up", "everyone", null], // first state ever
    [false, "down", "up", "down", "held-channels", "up"], // outlived the window: the catch-up, from what they heard
    [false, "down", "up", "up", "maintenance-channels", "down"], // back to what the held channels heard
    [false, "down", "up", "unknown", "everyone", "up"], // something else again: everyone
    [false, "down", null, "down", "held-channels", null], // first seen in a window
  ] as const)("held=%s %s (heard %s) → %s: %s", (held, previous, announced, state, audience, heard) => {
    expect(audienceOf(held, previous, announced, state)).toEqual({ audience, heard });
  });
});
