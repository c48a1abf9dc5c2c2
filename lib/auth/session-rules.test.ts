import { describe, expect, it } from "vitest";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, sessionState } from "./session-rules";

const start = 1_700_000_000_000;
const row = (o: Partial<{ last_seen_at: number; revoked_at: number | null }> = {}) => ({
  created_at: start,
  last_seen_at: o.last_seen_at ?? start,
  expires_at: start + SESSION_ABSOLUTE_MS,
  revoked_at: o.revoked_at ?? null,
});

describe("sessionState", () => {
  it("is active while used and within 12 h", () => {
    expect(
      sessionState(row({ last_seen_at: start + SESSION_ABSOLUTE_MS - 60_000 }), start + SESSION_ABSOLUTE_MS - 1),
    ).toBe("active");
  });
  it("ends 12 h after sign-in however often it is used", () => {
    expect(sessionState(row({ last_seen_at: start + SESSION_ABSOLUTE_MS - 1 }), start + SESSION_ABSOLUTE_MS)).toBe(
      "expired",
    );
  });
  it("ends after the idle timeout without use", () => {
    expect(sessionState(row(), start + SESSION_IDLE_MS - 1)).toBe("active");
    expect(sessionState(row(), start + SESSION_IDLE_MS)).toBe("idle");
  });
  it("a revoked session is revoked even when otherwise fresh", () => {
    expect(sessionState(row({ revoked_at: start + 1 }), start + 2)).toBe("revoked");
  });
});
