import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "@/lib/store/db";
import { postgresUnavailable, startPostgres, type TestPostgres } from "@/lib/testing/postgres";
import { createLimiters, LIMITS, openLimiterBackend, reserve, type LimiterBackend } from "./rate-limits";

async function burst(backends: LimiterBackend[], key: string, attempts: number) {
  const replicas = backends.map((b) => createLimiters(b));
  const results = await Promise.all(
    Array.from({ length: attempts }, (_, i) =>
      reserve((replicas[i % replicas.length] ?? replicas[0])?.signInAccount ?? fail(), key),
    ),
  );
  return { passed: results.filter((r) => r.ok).length, refused: results.filter((r) => !r.ok) };
}

function fail(): never {
  throw new Error("no replica");
}

function close(b: LimiterBackend) {
  return "sqlite" in b ? b.sqlite.close() : b.postgres.end();
}

describe("store-backed limiters (SQLite)", () => {
  let dir: string;
  let store: Store;
  let file: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sw-limit-"));
    file = path.join(dir, "s.sqlite");
    store = await openStore({ sqlitePath: file });
  });
  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a burst of 20 through two connections (two replicas) passes exactly the limit, the rest get a wait", async () => {
    const backends = [openLimiterBackend({ sqlitePath: file }), openLimiterBackend({ sqlitePath: file })];
    const { passed, refused } = await burst(backends, "admin", 20);
    expect(passed).toBe(LIMITS.signInAccount.points);
    expect(refused).toHaveLength(20 - LIMITS.signInAccount.points);
    for (const r of refused) {
      if (r.ok) throw new Error("unreachable");
      expect(r.retryAfterSeconds).toBeGreaterThan(0);
      expect(r.retryAfterSeconds).toBeLessThanOrEqual(LIMITS.signInAccount.duration);
    }
    backends.forEach(close);
  });

  it("keys and limits are independent, and the counters are rows in the store", async () => {
    const backend = openLimiterBackend({ sqlitePath: file });
    const limiters = createLimiters(backend);
    expect((await reserve(limiters.signInAccount, "someone-else")).ok).toBe(true);
    expect((await reserve(limiters.share, "admin")).ok).toBe(true);
    const rows = await store.db.selectFrom("rate_limit").select(["key", "points"]).orderBy("key").execute();
    expect(rows.map((r) => r.key)).toEqual(
      expect.arrayContaining(["signInAccount:admin", "signInAccount:someone-else", "share:admin"]),
    );
    close(backend);
  });

  it("an address that goes over the share limit stays shut out for a whole block, even when its window was about to end", async () => {
    const backend = openLimiterBackend({ sqlitePath: file });
    const limiters = createLimiters(backend);
    const { points } = LIMITS.share;
    for (let i = 0; i < points; i++) expect((await reserve(limiters.share, "burst")).ok).toBe(true);
    // The window opened by the burst is about to end: a plain fixed window would hand out a
    // second window's points a second from now.
    await store.db
      .updateTable("rate_limit")
      .set({ expire: Date.now() + 1_000 })
      .where("key", "=", "share:burst")
      .execute();
    const refused = await reserve(limiters.share, "burst");
    expect(refused.ok).toBe(false);
    if (refused.ok) throw new Error("unreachable");
    // The window had a second left; the block is what makes the wait most of a minute.
    expect(refused.retryAfterSeconds).toBeGreaterThan(30);
    const row = await store.db
      .selectFrom("rate_limit")
      .select("expire")
      .where("key", "=", "share:burst")
      .executeTakeFirstOrThrow();
    expect(Number(row.expire)).toBeGreaterThan(Date.now() + 30_000);
    expect((await reserve(limiters.share, "burst")).ok).toBe(false);
    close(backend);
  });
});

describe.skipIf(postgresUnavailable !== null)("store-backed limiters (PostgreSQL)", () => {
  let pgServer: TestPostgres;
  let store: Store;
  beforeAll(async () => {
    pgServer = await startPostgres();
    store = await openStore({ postgresUrl: pgServer.url });
  });
  afterAll(async () => {
    await store?.close();
    await pgServer?.stop();
  });

  it("a parallel burst of 30 from three replicas passes exactly the limit", async () => {
    const backends = [0, 1, 2].map(() => openLimiterBackend({ postgresUrl: pgServer.url }));
    const { passed } = await burst(backends, "admin", 30);
    expect(passed).toBe(LIMITS.signInAccount.points);
    await Promise.all(backends.map(close));
  });
});

describe("docs/security.md states the limits the code enforces", () => {
  const doc = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "security.md"), "utf8").replace(/\s+/g, " ");
  it.each<[string, { points: number; duration: number }, string]>([
    ["run-now", LIMITS.probeRun, "user"],
    ["re-check", LIMITS.recheck, "user"],
    ["the public share API and page", LIMITS.share, "address"],
  ])("%s", (what, limit, per) => {
    expect(limit.duration).toBe(60);
    expect(doc).toContain(`${what} (${limit.points}/min per ${per}`);
  });
  it("sign-in: per account and per address in 5 minutes", () => {
    expect(LIMITS.signInAccount.duration).toBe(300);
    expect(LIMITS.signInAddress.duration).toBe(300);
    expect(doc).toContain(
      `${LIMITS.signInAccount.points} attempts per account in 5 minutes, from any address; ${LIMITS.signInAddress.points} per client address in 5 minutes`,
    );
  });
});
