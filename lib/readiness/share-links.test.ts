import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SignJWT, UnsecuredJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "@/lib/store/db";
import { createShareLink, listShareLinks, resolveShareToken, revokeShareLink } from "./share-links";
import { shareKey, signShareToken, verifyShareToken } from "./share-token";

const NOW = Date.parse("2025-09-17T12:00:00.000Z");
const KEY = shareKey({ NEXTAUTH_SECRET: "n".repeat(40) });
const ENGINEER = { username: "engineer", canManage: false };
const OTHER_ENGINEER = { username: "eve", canManage: false };
const ADMIN = { username: "admin", canManage: true };

const tokenOf = (p: string | null) => {
  if (!p) throw new Error("expected an active link with a path");
  return p.replace(/^\/share\//, "");
};

let store: Store;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sw-share-"));
  store = await openStore({ sqlitePath: path.join(dir, "s.sqlite") });
});
afterAll(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("share tokens", () => {
  const claims = { id: "3c8a4c1e-3b7e-4b39-9a43-0f7d1c2b5e11", issuedAt: NOW, expiresAt: NOW + 3_600_000 };

  it("verify until the second they expire, then say expired with their id", async () => {
    const token = await signShareToken(claims, KEY);
    expect(await verifyShareToken(token, KEY, NOW)).toEqual({ ok: true, id: claims.id });
    expect(await verifyShareToken(token, KEY, NOW + 3_599_999)).toEqual({ ok: true, id: claims.id });
    expect(await verifyShareToken(token, KEY, NOW + 3_600_000)).toEqual({
      ok: false,
      reason: "expired",
      id: claims.id,
    });
  });

  it("are deterministic, so an active link's URL can be shown again", async () => {
    expect(await signShareToken(claims, KEY)).toBe(await signShareToken(claims, KEY));
  });

  it.each<[string, () => Promise<string>]>([
    ["signed with another key", () => signShareToken(claims, shareKey({ NEXTAUTH_SECRET: "m".repeat(40) }))],
    [
      "signed with the NEXTAUTH_SECRET itself (a session-style token)",
      () => signShareToken(claims, new TextEncoder().encode("n".repeat(40))),
    ],
    [
      "unsigned (alg none)",
      async () =>
        new UnsecuredJWT({ jti: claims.id, sub: "readiness", aud: "stagewatch:share" })
          .setExpirationTime("1h")
          .encode(),
    ],
    [
      "for another audience",
      () =>
        new SignJWT({})
          .setProtectedHeader({ alg: "HS256" })
          .setJti(claims.id)
          .setSubject("readiness")
          .setAudience("stagewatch:api")
          .setExpirationTime(NOW / 1000 + 60)
          .sign(KEY),
    ],
    [
      "for another subject",
      () =>
        new SignJWT({})
          .setProtectedHeader({ alg: "HS256" })
          .setJti(claims.id)
          .setSubject("admin")
          .setAudience("stagewatch:share")
          .setExpirationTime(NOW / 1000 + 60)
          .sign(KEY),
    ],
    [
      "without an expiry",
      () =>
        new SignJWT({})
          .setProtectedHeader({ alg: "HS256" })
          .setJti(claims.id)
          .setSubject("readiness")
          .setAudience("stagewatch:share")
          .sign(KEY),
    ],
    [
      "with a payload edited after signing",
      async () => {
        const [h, , s] = (await signShareToken(claims, KEY)).split(".");
        const payload = Buffer.from(
          JSON.stringify({ jti: claims.id, sub: "readiness", aud: "stagewatch:share", exp: NOW / 1000 + 10 * 86_400 }),
        ).toString("base64url");
        return `${h}.${payload}.${s}`;
      },
    ],
    ["garbage", async () => "not-a-token"],
    ["very long", async () => "a".repeat(5_000)],
  ])("are refused when %s", async (_name, make) => {
    expect(await verifyShareToken(await make(), KEY, NOW)).toEqual({ ok: false, reason: "invalid" });
  });

  it("a configured secret is used as it is; without one the key is derived, not the NEXTAUTH_SECRET itself", () => {
    expect(
      Buffer.from(shareKey({ NEXTAUTH_SECRET: "n".repeat(40), STAGEWATCH_SHARE_SECRET: "s".repeat(32) })).toString(),
    ).toBe("s".repeat(32));
    expect(Buffer.from(KEY).toString()).not.toContain("nnnn");
    expect(KEY).toHaveLength(32);
  });
});

describe("share links in the store", () => {
  it("a new link resolves until it expires (24 h by default), then is gone (410)", async () => {
    const link = await createShareLink(
      store.db,
      KEY,
      { createdBy: "engineer", expiresInSeconds: 86_400 },
      NOW + 123,
      ENGINEER,
    );
    expect(link).toMatchObject({
      state: "active",
      createdBy: "engineer",
      expiresAt: "2025-09-18T12:00:00.000Z",
      canRevoke: true,
    });
    const token = tokenOf(link.path);
    expect(await resolveShareToken(store.db, KEY, token, NOW + 1_000)).toEqual({
      ok: true,
      expiresAt: Date.parse("2025-09-18T12:00:00.000Z"),
    });
    expect(await resolveShareToken(store.db, KEY, token, Date.parse("2025-09-18T12:00:00.000Z"))).toEqual({
      ok: false,
      status: 410,
      reason: "expired",
    });
  });

  it("a revoked link stops at once (410), and says revoked rather than expired", async () => {
    const link = await createShareLink(
      store.db,
      KEY,
      { createdBy: "engineer", expiresInSeconds: 3_600, note: "Acme" },
      NOW,
      ENGINEER,
    );
    const token = tokenOf(link.path);
    expect((await resolveShareToken(store.db, KEY, token, NOW + 1)).ok).toBe(true);
    const r = await revokeShareLink(store.db, KEY, link.id, NOW + 2, ENGINEER);
    expect(r).toMatchObject({
      ok: true,
      link: { state: "revoked", revokedBy: "engineer", path: null, canRevoke: false },
    });
    expect(await resolveShareToken(store.db, KEY, token, NOW + 3)).toEqual({
      ok: false,
      status: 410,
      reason: "revoked",
    });
    // And stays revoked after it would have expired.
    expect(await resolveShareToken(store.db, KEY, token, NOW + 7_200_000)).toEqual({
      ok: false,
      status: 410,
      reason: "revoked",
    });
  });

  it("only its creator or an admin may revoke a link", async () => {
    const link = await createShareLink(
      store.db,
      KEY,
      { createdBy: "engineer", expiresInSeconds: 3_600 },
      NOW,
      ENGINEER,
    );
    expect(await revokeShareLink(store.db, KEY, link.id, NOW, OTHER_ENGINEER)).toMatchObject({
      ok: false,
      status: 403,
    });
    expect((await resolveShareToken(store.db, KEY, tokenOf(link.path), NOW + 1)).ok).toBe(true);
    expect(await revokeShareLink(store.db, KEY, link.id, NOW, ADMIN)).toMatchObject({
      ok: true,
      link: { state: "revoked", revokedBy: "admin" },
    });
    expect(await revokeShareLink(store.db, KEY, "00000000-0000-4000-8000-000000000000", NOW, ADMIN)).toMatchObject({
      ok: false,
      status: 404,
    });
  });

  it("a token for a row the store does not have is not found (404), whatever its signature", async () => {
    const token = await signShareToken(
      { id: "11111111-2222-4333-8444-555555555555", issuedAt: NOW, expiresAt: NOW + 60_000 },
      KEY,
    );
    expect(await resolveShareToken(store.db, KEY, token, NOW)).toEqual({ ok: false, status: 404, reason: "invalid" });
    expect(await resolveShareToken(store.db, KEY, "forged", NOW)).toEqual({
      ok: false,
      status: 404,
      reason: "invalid",
    });
  });

  it("the row's expiry holds even if a token claims longer", async () => {
    const link = await createShareLink(store.db, KEY, { createdBy: "engineer", expiresInSeconds: 60 }, NOW, ENGINEER);
    const longer = await signShareToken({ id: link.id, issuedAt: NOW, expiresAt: NOW + 86_400_000 }, KEY);
    expect((await resolveShareToken(store.db, KEY, longer, NOW + 59_000)).ok).toBe(true);
    expect(await resolveShareToken(store.db, KEY, longer, NOW + 60_000)).toEqual({
      ok: false,
      status: 410,
      reason: "expired",
    });
  });

  it("lists every link newest first, with a URL only while active, to its creator and admins, and revoke rights per viewer", async () => {
    const later = NOW + 10_000_000;
    const fresh = await createShareLink(
      store.db,
      KEY,
      { createdBy: "eve", expiresInSeconds: 3_600 },
      later,
      OTHER_ENGINEER,
    );
    const forEngineer = await listShareLinks(store.db, KEY, later + 1, ENGINEER);
    // Another engineer's active link: listed, but without its working URL (a bearer credential).
    expect(forEngineer[0]).toMatchObject({ id: fresh.id, state: "active", path: null, canRevoke: false });
    expect((await listShareLinks(store.db, KEY, later + 1, OTHER_ENGINEER))[0]).toMatchObject({
      id: fresh.id,
      path: fresh.path,
      canRevoke: true,
    });
    expect(forEngineer.filter((l) => l.state !== "active").every((l) => l.path === null && !l.canRevoke)).toBe(true);
    expect(forEngineer.map((l) => l.state)).toEqual(expect.arrayContaining(["active", "expired", "revoked"]));
    const forAdmin = await listShareLinks(store.db, KEY, later + 1, ADMIN);
    expect(forAdmin[0]).toMatchObject({ path: fresh.path, canRevoke: true });
    const times = forAdmin.map((l) => Date.parse(l.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });
});
