import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "@/lib/store/db";
import { postgresUnavailable, startPostgres, type TestPostgres } from "@/lib/testing/postgres";
import type { Role } from "./roles";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, SESSION_RECHECK_MS, SESSION_TOUCH_MS } from "./session-rules";
import { blockEmail, isBlocked, listBlocks, unblockEmail } from "./blocks";
import { listSessions, lookUpSession, revokeSession, sessionChecker, startSession } from "./sessions";

// The directory as the config says now; tests change it between looks.
const directory = new Map<string, Role>();
const identify = (username: string) => {
  const role = directory.get(username);
  return role ? { name: username, role } : null;
};

describe("sign-in sessions in the store", () => {
  let dir: string;
  let store: Store;
  const t0 = 1_800_000_000_000;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sw-sess-"));
    store = await openStore({ sqlitePath: path.join(dir, "s.sqlite") });
  });
  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a live session gives the directory's current role; a demotion applies at the next look", async () => {
    directory.set("eng", "engineer");
    const sid = await startSession(store.db, { username: "eng", provider: "credentials" }, t0);
    expect(await lookUpSession(store.db, sid, t0 + 1, identify)).toEqual({
      username: "eng",
      name: "eng",
      role: "engineer",
    });
    directory.set("eng", "viewer");
    expect((await lookUpSession(store.db, sid, t0 + 2, identify))?.role).toBe("viewer");
  });

  it("a removed user's session ends", async () => {
    directory.set("gone", "admin");
    const sid = await startSession(store.db, { username: "gone", provider: "credentials" }, t0);
    directory.delete("gone");
    expect(await lookUpSession(store.db, sid, t0 + 1, identify)).toBeNull();
  });

  it("revocation ends it for every copy; a second revoke reports nothing to end", async () => {
    directory.set("a", "viewer");
    const sid = await startSession(store.db, { username: "a", provider: "credentials" }, t0);
    expect(await revokeSession(store.db, sid, "admin", t0 + 5)).toBe(true);
    expect(await revokeSession(store.db, sid, "admin", t0 + 6)).toBe(false);
    expect(await lookUpSession(store.db, sid, t0 + 7, identify)).toBeNull();
  });

  it("use keeps it alive against the idle timeout but not past 12 h", async () => {
    directory.set("b", "viewer");
    const sid = await startSession(store.db, { username: "b", provider: "credentials" }, t0);
    let t = t0;
    // A look every 50 minutes (under the idle timeout) keeps it going...
    while (t + 50 * 60_000 < t0 + SESSION_ABSOLUTE_MS) {
      t += 50 * 60_000;
      expect(await lookUpSession(store.db, sid, t, identify)).not.toBeNull();
    }
    // ...until 12 h after sign-in, however recent the last look.
    expect(await lookUpSession(store.db, sid, t0 + SESSION_ABSOLUTE_MS, identify)).toBeNull();
  });

  it("an unused session ends after the idle timeout", async () => {
    directory.set("c", "viewer");
    const sid = await startSession(store.db, { username: "c", provider: "credentials" }, t0);
    expect(await lookUpSession(store.db, sid, t0 + SESSION_TOUCH_MS - 1, identify)).not.toBeNull();
    expect(await lookUpSession(store.db, sid, t0 + SESSION_IDLE_MS, identify)).toBeNull();
  });

  it("an unknown id is no session", async () => {
    expect(await lookUpSession(store.db, "nope", t0, identify)).toBeNull();
  });

  it("admins see a user's sessions with their state", async () => {
    const list = await listSessions(store.db, t0 + 10, "a");
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ username: "a", state: "revoked", provider: "credentials" });
  });
});

describe.skipIf(postgresUnavailable)("two replicas on one PostgreSQL", () => {
  let pg: TestPostgres;
  let a: Store;
  let b: Store;
  beforeAll(async () => {
    pg = await startPostgres();
    a = await openStore({ postgresUrl: pg.url });
    b = await openStore({ postgresUrl: pg.url });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await pg.stop();
  });

  it("sign-out on one replica ends the session on the other within 2 s, measured", async () => {
    directory.set("pg-user", "engineer");
    // Each replica's checker is its own cache, as in two processes.
    const onA = sessionChecker(async () => a.db, identify);
    const onB = sessionChecker(async () => b.db, identify);
    const sid = await startSession(a.db, { username: "pg-user", provider: "credentials" }, Date.now());
    expect(await onB.check(sid, Date.now())).not.toBeNull();
    const t0 = Date.now();
    expect(await revokeSession(a.db, sid, "pg-user", t0)).toBe(true);
    expect(await onA.check(sid, Date.now())).toBeNull();
    let elapsed = -1;
    while (Date.now() - t0 < 5_000) {
      if ((await onB.check(sid, Date.now())) === null) {
        elapsed = Date.now() - t0;
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(elapsed).toBeGreaterThanOrEqual(0);
    expect(elapsed).toBeLessThanOrEqual(Math.min(2_000, SESSION_RECHECK_MS + 500));
  });

  it("an admin ending an IAP session blocks the address for every replica; the user ending their own does not", async () => {
    const now = Date.now();
    const own = await startSession(a.db, { username: "self@example.com", provider: "iap" }, now);
    // The same address's row started by the other replica at the same moment ends with it.
    const twin = await startSession(b.db, { username: "self@example.com", provider: "iap" }, now);
    expect(await revokeSession(a.db, own, "self@example.com", now)).toBe(true);
    expect(await isBlocked(b.db, "self@example.com")).toBe(false);
    expect(await lookUpSession(b.db, twin, now + 1, () => ({ name: "self", role: "viewer" }))).toBeNull();

    const sid = await startSession(a.db, { username: "kim@example.com", provider: "iap" }, now);
    expect(await revokeSession(a.db, sid, "admin@example.com", now)).toBe(true);
    expect(await isBlocked(b.db, "kim@example.com")).toBe(true);
    // A second block of the same address keeps the first one's author and time.
    await blockEmail(b.db, "KIM@example.com", "other@example.com", now + 1);
    expect((await listBlocks(b.db)).filter((x) => x.email === "kim@example.com")).toEqual([
      { email: "kim@example.com", blockedAt: new Date(now).toISOString(), blockedBy: "admin@example.com" },
    ]);
    expect(await unblockEmail(b.db, "kim@example.com")).toBe(true);
    expect(await unblockEmail(a.db, "kim@example.com")).toBe(false);
    expect(await isBlocked(a.db, "kim@example.com")).toBe(false);
  });
});
