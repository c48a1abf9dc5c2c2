import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { postgresUnavailable, startPostgres, type TestPostgres } from "@/lib/testing/postgres";
import { openStore, type Store } from "./db";
import { FencedError, LeaderElector, PostgresLease, type Lease } from "./leader";

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(postgresUnavailable)("PostgresLease", () => {
  let postgres: TestPostgres;
  let store: Store;
  beforeAll(async () => {
    postgres = await startPostgres();
    store = await openStore({ postgresUrl: postgres.url });
    await sql`create table fenced_write (v text)`.execute(store.db);
  });
  afterAll(async () => {
    await store?.close();
    await postgres?.stop();
  });

  const lease = (holder: string, ttlMs = 60_000, name = "t") => new PostgresLease(store.db, { holder, ttlMs, name });
  const write = (l: Lease, token: number, v: string) =>
    store.db.transaction().execute(async (tx) => {
      await l.fence(token)(tx);
      await sql`insert into fenced_write (v) values (${v})`.execute(tx);
    });
  const written = async () =>
    (await sql<{ v: string }>`select v from fenced_write order by v`.execute(store.db)).rows.map((r) => r.v);

  it("gives the lease to one holder; the other waits until it expires, then gets a new token", async () => {
    // a's lease is long enough to outlive a loaded machine's queries, and b's does not expire
    // within the test: under load a 300-ms b had expired before a asked again (CI saw token 3).
    const a = lease("a", 1_500, "expiry");
    const b = lease("b", 60_000, "expiry");
    const ta = await a.tryAcquire();
    expect(ta).toBe(1);
    expect(await b.tryAcquire()).toBeNull();
    expect(await a.tryAcquire()).toBe(1);
    expect(await a.renew(1)).toBe(true);
    await wait(1_700);
    expect(await a.renew(1)).toBe(false);
    expect(await b.tryAcquire()).toBe(2);
    expect(await a.tryAcquire()).toBeNull();
  });

  it("refuses a deposed leader's late write, and lets the current leader's through", async () => {
    const a = lease("a", 1_000, "fence");
    const b = lease("b", 60_000, "fence");
    const ta = (await a.tryAcquire()) ?? -1;
    await write(a, ta, "a-while-leader");
    await wait(1_200);
    // Expired but not yet taken over: still refused.
    await expect(write(a, ta, "a-after-expiry")).rejects.toThrow(FencedError);
    const tb = (await b.tryAcquire()) ?? -1;
    expect(tb).toBe(ta + 1);
    await expect(write(a, ta, "a-after-takeover")).rejects.toThrow(FencedError);
    await write(b, tb, "b-leader");
    expect(await written()).toEqual(["a-while-leader", "b-leader"]);
  });

  it("makes a takeover wait for a fenced write in flight, so no write lands under a stale token", async () => {
    const a = lease("a", 1_000, "inflight");
    const b = lease("b", 60_000, "inflight");
    const ta = (await a.tryAcquire()) ?? -1;
    let committedAt = 0;
    let tookOverAt = 0;
    const slow = store.db.transaction().execute(async (tx) => {
      await a.fence(ta)(tx);
      await wait(2_000); // the lease expires meanwhile
      await sql`insert into fenced_write (v) values ('a-slow')`.execute(tx);
      committedAt = Date.now();
    });
    await wait(1_300);
    const takeover = b.tryAcquire().then((t) => {
      tookOverAt = Date.now();
      return t;
    });
    await slow;
    expect(await takeover).toBe(ta + 1);
    expect(tookOverAt).toBeGreaterThanOrEqual(committedAt);
    expect(await written()).toContain("a-slow");
  });

  it("hands over at once when the holder releases", async () => {
    const a = lease("a", 60_000, "release");
    const b = lease("b", 60_000, "release");
    const ta = (await a.tryAcquire()) ?? -1;
    expect(await b.tryAcquire()).toBeNull();
    await a.release(ta);
    expect(await b.tryAcquire()).toBe(ta + 1);
  });
});

describe("LeaderElector", () => {
  const fakeLease = (over: Partial<Lease>): Lease => ({
    tryAcquire: async () => 7,
    renew: async () => true,
    release: async () => undefined,
    fence: () => async () => undefined,
    ...over,
  });

  it("steps down on its own when a renewal hangs, before the lease can have expired", async () => {
    // On fake timers and the elector's own clock: a loaded machine's late wake-ups cannot move it.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    try {
      const events: string[] = [];
      let lostAt = Infinity;
      const elector = new LeaderElector(fakeLease({ renew: () => new Promise(() => undefined) }), {
        ttlMs: 300,
        onLead: (t) => events.push(`lead ${t}`),
        onLose: (why) => {
          lostAt = performance.now();
          events.push(`lose: ${why}`);
        },
      });
      const t0 = performance.now();
      elector.start();
      await vi.advanceTimersByTimeAsync(50);
      expect(elector.role).toBe("leader");
      await vi.advanceTimersByTimeAsync(1_000);
      expect(elector.role).not.toBe("leader");
      expect(lostAt - t0).toBeLessThan(300);
      expect(events).toEqual(["lead 7", "lose: the lease could not be renewed in time"]);
      await elector.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it("steps down when a renewal says the lease is gone, and stays a follower while another holds it", async () => {
    const events: string[] = [];
    let held = true;
    const elector = new LeaderElector(
      fakeLease({ renew: async () => held, tryAcquire: async () => (held ? 7 : null) }),
      {
        ttlMs: 150,
        onLead: (t) => events.push(`lead ${t}`),
        onLose: (why) => events.push(`lose: ${why}`),
      },
    );
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    try {
      elector.start();
      await vi.advanceTimersByTimeAsync(30);
      held = false;
      await vi.advanceTimersByTimeAsync(200);
      expect(elector.role).toBe("follower");
      expect(events).toEqual(["lead 7", "lose: the lease was lost"]);
      await elector.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it("on stop, stops the work, then finishes writes, then releases", async () => {
    const events: string[] = [];
    const elector = new LeaderElector(fakeLease({ release: async (t) => void events.push(`release ${t}`) }), {
      ttlMs: 1_000,
      onLead: () => events.push("lead"),
      onLose: (why) => events.push(`lose: ${why}`),
    });
    elector.start();
    await wait(20);
    await elector.stop(async () => void events.push("flush"));
    expect(events).toEqual(["lead", "lose: shutting down", "flush", "release 7"]);
    expect(elector.role).toBe("stopped");
  });
});
