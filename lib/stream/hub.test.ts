import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import type { FeedChange } from "@/lib/stream/core/events";
import { recordVerdict } from "@/lib/readiness/ledger";
import { sendToAll } from "@/lib/notifications/plan";
import { appendChange, changesAfter, feedHead } from "@/lib/store/change-feed";
import { openStore, type Store } from "@/lib/store/db";
import { postgresUnavailable, startPostgres, type TestPostgres } from "@/lib/testing/postgres";
import { ChangeHub } from "./hub";

/**
 * The change feed and the one hub per process: positions follow commit order, 100 listeners
 * share one subscription, and on PostgreSQL a change committed through one connection (another
 * replica) reaches a hub on another connection by NOTIFY, long before its safety poll.
 */

const T0 = Date.parse("2026-12-07T03:00:00.000Z");

const append = (store: Store, subject: string, to: string, at: number) =>
  store.db.transaction().execute((trx) =>
    appendChange(trx, {
      at,
      kind: "probe",
      subject,
      from: null,
      to,
      detail: JSON.stringify({ reasons: [`${subject} is ${to}`], likelyCause: null }),
    }),
  );

async function until<T>(what: string, fn: () => T | undefined, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** `n` listeners on `hub`, each keeping every change it is handed. */
function listeners(hub: ChangeHub, n: number) {
  const seen = Array.from({ length: n }, () => [] as FeedChange[]);
  const unsubscribes = seen.map((list) => hub.subscribe((changes) => list.push(...changes)));
  return { seen, close: () => unsubscribes.forEach((u) => u()) };
}

describe("the change feed and its hub (SQLite: one process, a short poll)", () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sw-hub-"));
    store = await openStore({ sqlitePath: path.join(dir, "s.sqlite") });
  });
  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("numbers changes from the ledgers in order, and the readiness ledger writes the feed in its transaction", async () => {
    const before = await feedHead(store.db);
    await recordVerdict(store.db, {
      verdict: "NO-GO",
      checkedAt: T0,
      plan: () => sendToAll([]),
      payload: () => ({}),
      reasons: ["Start-ups fail"],
    });
    // No change, no row.
    await recordVerdict(store.db, {
      verdict: "NO-GO",
      checkedAt: T0 + 1,
      plan: () => sendToAll([]),
      payload: () => ({}),
    });
    await append(store, "probe:a", "down", T0 + 2);
    const rows = await changesAfter(store.db, before, 10);
    expect(rows.map((r) => [r.pos - before, r.kind, r.to_state])).toEqual([
      [1, "readiness", "NO-GO"],
      [2, "probe", "down"],
    ]);
    expect(JSON.parse(rows[0]?.detail ?? "{}")).toEqual({ reasons: ["Start-ups fail"], likelyCause: null });
  });

  it("100 listeners share one subscription and each gets every change once", async () => {
    const hub = new ChangeHub(async () => store, { pollMs: 100 });
    const { seen, close } = listeners(hub, 100);
    await hub.ready();
    const pos = await append(store, "probe:b", "down", T0 + 3);
    await until("every listener", () => (seen.every((s) => s.length === 1) ? true : undefined), 5_000);
    expect(seen.every((s) => s[0]?.pos === pos && s[0]?.subject === "probe:b")).toBe(true);
    expect(hub.stats.starts).toBe(1);
    // One read per poll for everyone, not one per listener.
    const reads = hub.stats.reads;
    await new Promise((r) => setTimeout(r, 350));
    expect(hub.stats.reads - reads).toBeLessThanOrEqual(5);
    close();
    expect(hub.size).toBe(0);
    // Stopped with its last listener: no more reads.
    const stopped = hub.stats.reads;
    await new Promise((r) => setTimeout(r, 300));
    expect(hub.stats.reads).toBe(stopped);
  });
  it("reads a change this process wrote at once, not at its next poll; stopped, it reads no more", async () => {
    // A poll far beyond the test: only the write's own signal can bring the change in time.
    const hub = new ChangeHub(async () => store, { pollMs: 60_000 });
    const { seen, close } = listeners(hub, 1);
    try {
      await hub.ready();
      const started = Date.now();
      const pos = await append(store, "probe:c", "down", T0 + 4);
      await until("the change", () => (seen[0]?.length ? true : undefined), 2_000);
      expect(seen[0]?.[0]?.pos).toBe(pos);
      // Generous for a loaded machine; the poll would have taken 60 s.
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      close();
    }
    const reads = hub.stats.reads;
    await append(store, "probe:c", "up", T0 + 5);
    await new Promise((r) => setTimeout(r, 100));
    expect(hub.stats.reads).toBe(reads);
  });

  it("hands each batch to beforeListeners first, so a cache is dropped before any page is told", async () => {
    const order: string[] = [];
    const hub = new ChangeHub(async () => store, {
      pollMs: 60_000,
      beforeListeners: (changes) => order.push(`before:${changes.map((c) => c.subject).join(",")}`),
    });
    const off = hub.subscribe((changes) => order.push(`listener:${changes.map((c) => c.subject).join(",")}`));
    try {
      await hub.ready();
      await append(store, "probe:e", "down", T0 + 7);
      await until("the listener", () => (order.length >= 2 ? true : undefined), 2_000);
      expect(order).toEqual(["before:probe:e", "listener:probe:e"]);
    } finally {
      // A hub left subscribed would read this file's closed store on the next test's writes.
      off();
    }
  });

  it("a write rolled back wakes the hub for nothing: no change reaches a listener", async () => {
    const hub = new ChangeHub(async () => store, { pollMs: 60_000 });
    const { seen, close } = listeners(hub, 1);
    onTestFinished(close);
    await hub.ready();
    await store.db
      .transaction()
      .execute(async (trx) => {
        await appendChange(trx, {
          at: T0 + 6,
          kind: "probe",
          subject: "probe:d",
          from: null,
          to: "down",
          detail: "{}",
        });
        throw new Error("rolled back");
      })
      .catch(() => undefined);
    // The hub hands on what the store holds, never what a writer announced.
    await new Promise((r) => setTimeout(r, 300));
    expect(seen[0]).toEqual([]);
  });
});

describe("a hub whose store cannot be opened", () => {
  it("fails the streams waiting on it, and the next stream tries again", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sw-hub-retry-"));
    const store = await openStore({ sqlitePath: path.join(dir, "s.sqlite") });
    let opens = 0;
    const hub = new ChangeHub(async () => {
      if (++opens === 1) throw new Error("store not up yet");
      return store;
    });
    const first = hub.subscribe(() => undefined);
    await expect(hub.ready()).rejects.toThrow("store not up yet");
    // The first listener is still there (its stream not yet ended): the failed start is not kept.
    const second = hub.subscribe(() => undefined);
    await expect(hub.ready()).resolves.toBeUndefined();
    expect(hub.stats.starts).toBe(2);
    first();
    second();
    await hub.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe.skipIf(postgresUnavailable)("the change feed across replicas (PostgreSQL LISTEN/NOTIFY)", () => {
  let pg: TestPostgres;
  let writer: Store;
  let reader: Store;
  beforeAll(async () => {
    pg = await startPostgres();
    writer = await openStore({ postgresUrl: pg.url });
    reader = await openStore({ postgresUrl: pg.url });
  }, 60_000);
  afterAll(async () => {
    await writer?.close();
    await reader?.close();
    await pg?.stop();
  });

  it("a change committed by another replica reaches this replica's hub by NOTIFY, not by its poll", async () => {
    // A safety poll of a minute: only the notification can bring the change within the test.
    const hub = new ChangeHub(async () => reader, { safetyPollMs: 60_000 });
    const { seen, close } = listeners(hub, 100);
    await hub.ready();
    await until("LISTEN", () => (hub.stats.listens === 1 ? true : undefined), 5_000);
    const started = Date.now();
    const pos = await append(writer, "probe:c", "down", T0 + 10);
    await until(
      "the notified change",
      () => (seen.every((s) => s.some((c) => c.pos === pos)) ? true : undefined),
      5_000,
    );
    const took = Date.now() - started;
    console.log(`NOTIFY to 100 listeners of the other replica: ${took} ms`);
    expect(took).toBeLessThan(2_000);
    expect(hub.stats).toMatchObject({ starts: 1, listens: 1 });
    close();
    await hub.close();
  });

  it("positions follow commit order: concurrent writers on two connections leave no gap a follower could skip", async () => {
    const hub = new ChangeHub(async () => reader, { safetyPollMs: 60_000 });
    const { seen, close } = listeners(hub, 1);
    await hub.ready();
    await until("LISTEN", () => (hub.stats.listens === 1 ? true : undefined), 5_000);
    const from = await feedHead(reader.db);
    // Each writer holds its transaction open a while after taking its position.
    const writes = Array.from({ length: 12 }, (_, i) =>
      (i % 2 ? writer : reader).db.transaction().execute(async (trx) => {
        const pos = await appendChange(trx, {
          at: T0 + 100 + i,
          kind: "overview",
          subject: "overview",
          from: null,
          to: i % 3 ? "down" : "healthy",
          detail: '{"reasons":[],"likelyCause":null}',
        });
        await new Promise((r) => setTimeout(r, (i * 37) % 60));
        return pos;
      }),
    );
    const positions = await Promise.all(writes);
    expect([...positions].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => from + i + 1));
    const got = await until("all twelve", () => (seen[0]?.length === 12 ? seen[0] : undefined), 5_000);
    // Handed over in order and without a gap.
    expect(got.map((c) => c.pos)).toEqual(Array.from({ length: 12 }, (_, i) => from + i + 1));
    close();
    await hub.close();
  });
});
