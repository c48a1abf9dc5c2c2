import { decode, encode } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { decodeSessionToken } from "./session-token";

const secret = "a-test-secret-that-is-long-enough-0123456789";
const claims = { sid: "s-1", username: "leader", role: "viewer" as const };

afterEach(() => {
  vi.useRealTimers();
});

describe("decodeSessionToken", () => {
  it("reads what next-auth's encode wrote, exactly as next-auth's decode does", async () => {
    const token = await encode({ token: claims, secret, maxAge: 3600 });
    const ours = await decodeSessionToken({ token, secret });
    expect(ours).toEqual(await decode({ token, secret }));
    expect(ours).toMatchObject(claims);
  });

  it("honours the salt next-auth uses for other cookies", async () => {
    const token = await encode({ token: claims, secret, salt: "authjs.session-token", maxAge: 60 });
    await expect(decodeSessionToken({ token, secret, salt: "authjs.session-token" })).resolves.toMatchObject(claims);
    await expect(decodeSessionToken({ token, secret })).rejects.toThrow();
  });

  it("refuses a token of another secret, a tampered one and an expired one", async () => {
    const token = await encode({ token: claims, secret, maxAge: 3600 });
    await expect(decodeSessionToken({ token, secret: `${secret}-rotated` })).rejects.toThrow();
    const parts = token.split(".");
    const cipher = parts[3] ?? "";
    parts[3] = `${cipher[0] === "A" ? "B" : "A"}${cipher.slice(1)}`;
    await expect(decodeSessionToken({ token: parts.join("."), secret })).rejects.toThrow();
    // Beyond next-auth's 15 s clock tolerance.
    const expired = await encode({ token: claims, secret, maxAge: -20 });
    await expect(decodeSessionToken({ token: expired, secret })).rejects.toThrow(/exp/);
  });

  it("remembers a token it read, but still expires it on time, and hands out copies", async () => {
    vi.useFakeTimers({ now: Date.parse("2026-12-01T10:00:00Z"), toFake: ["Date"] });
    const token = await encode({ token: claims, secret, maxAge: 30 });
    const first = await decodeSessionToken({ token, secret });
    expect(first).toMatchObject(claims);
    if (first) first.role = "admin";
    await expect(decodeSessionToken({ token, secret })).resolves.toMatchObject({ role: "viewer" });
    vi.setSystemTime(Date.parse("2026-12-01T10:00:40Z")); // exp + 10 s: within the tolerance
    await expect(decodeSessionToken({ token, secret })).resolves.toMatchObject(claims);
    vi.setSystemTime(Date.parse("2026-12-01T10:00:50Z")); // exp + 20 s
    await expect(decodeSessionToken({ token, secret })).rejects.toThrow(/exp/);
  });

  it("remembers nothing of a token that failed", async () => {
    const token = await encode({ token: claims, secret, maxAge: 3600 });
    await expect(decodeSessionToken({ token, secret: "another-secret-of-enough-length-000000" })).rejects.toThrow();
    await expect(decodeSessionToken({ token, secret: "another-secret-of-enough-length-000000" })).rejects.toThrow();
  });

  it("reads no cookie as no session", async () => {
    await expect(decodeSessionToken({ token: undefined, secret })).resolves.toBeNull();
    await expect(decodeSessionToken({ token: "", secret })).resolves.toBeNull();
  });
});
