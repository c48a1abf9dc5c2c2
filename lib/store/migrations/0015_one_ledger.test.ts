import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ALERT_RULES, type AlertRule } from "@/lib/config/core/slo/alerts";
import { channelTargets, type ChannelTarget } from "@/lib/notifications/channels";
import { deliverNotifications } from "@/lib/notifications/delivery";
import { storedDigest } from "@/lib/notifications/digest-ledger";
import type { NotificationEvent } from "@/lib/notifications/events";
import { recordState, stateHistory } from "@/lib/notifications/ledger";
import { sendToAll } from "@/lib/notifications/plan";
import { channelSend } from "@/lib/notifications/send";
import { notificationsView } from "@/lib/notifications/view";
import { deliverDue } from "@/lib/readiness/delivery";
import { currentState, recentChanges, recordVerdict } from "@/lib/readiness/ledger";
import { configWith, startReceiver, type Receiver } from "@/lib/readiness/testing";
import { changeEvent } from "@/lib/readiness/webhook-payload";
import { alertEvent } from "@/lib/slo/alert-event";
import { deliverSloAlerts } from "@/lib/slo/delivery";
import { alertStates, recentTransitions, recordAlertStep, type TransitionRecord } from "@/lib/slo/ledger";
import { postgresUnavailable, startPostgres, type TestPostgres } from "@/lib/testing/postgres";
import { openStore, type Store, type StoreTarget } from "../db";
import { oneLedgerMigration } from "./0015_one_ledger";
import { migrations } from "./index";

/**
 * Migration 0015 on a store filled by the OLD schema: migrations up to 0014 on a bare database,
 * rows of every status written into the three old ledgers' tables as their code wrote them, then
 * the store opened as the app opens it (which runs 0015), and everything read back and delivered
 * through the one ledger: nothing lost, pending rows sent once with their old ids, delivered and
 * failed ones never again, and each subject's numbering carried on.
 */

const T = Date.parse("2026-12-01T10:00:00.000Z");
const MIN = 60_000;
const FAST = DEFAULT_ALERT_RULES[0] as AlertRule;
const GONE = "channel:left-the-config";

/** The old tables have no types any more: rows go in as the old code wrote them. */
type OldRow = Record<string, string | number | null>;
type OldDb = Kysely<Record<string, OldRow>>;

type Dialect = {
  name: string;
  unavailable: string | null;
  /** A bare database, its Kysely and the target the app opens it by. */
  start: () => Promise<{ bare: OldDb; target: StoreTarget; cleanup: () => Promise<void> }>;
};

const DIALECTS: Dialect[] = [
  {
    name: "SQLite",
    unavailable: null,
    start: () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sw-0015-"));
      const file = path.join(dir, "s.sqlite");
      const bare: OldDb = new Kysely({ dialect: new SqliteDialect({ database: new SQLite(file) }) });
      const cleanup = () => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true }));
      return Promise.resolve({ bare, target: { sqlitePath: file }, cleanup });
    },
  },
  {
    name: "PostgreSQL",
    unavailable: postgresUnavailable,
    start: async () => {
      const server: TestPostgres = await startPostgres();
      const bare: OldDb = new Kysely({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: server.url }) }),
      });
      return { bare, target: { postgresUrl: server.url }, cleanup: () => server.stop() };
    },
  },
];

const readinessPayload = (seq: number, previous: "GO" | "NO-GO" | null, verdict: "GO" | "NO-GO", at: number) =>
  JSON.stringify(
    changeEvent(seq, previous, { verdict, summary: `${verdict} summary`, reasons: [], checkedAt: "" }, at, null),
  );

const overviewPayload = (id: string, from: string | null, to: string, at: number): string => {
  const event: NotificationEvent = {
    event: "overview.changed",
    id,
    subject: "overview",
    from,
    to,
    changedAt: new Date(at).toISOString(),
    reasons: [`Overview is ${to}.`],
    likelyCause: null,
    url: null,
  };
  return JSON.stringify(event);
};

const transition = (seq: number, from: "firing" | "resolved" | null, to: "firing" | "resolved", at: number) => {
  const t: TransitionRecord = {
    id: `startup-all/${FAST.id}/${seq}`,
    slo: "startup-all",
    rule: FAST.id,
    seq,
    from,
    to,
    at,
  };
  return { t, payload: JSON.stringify(alertEvent(t, "all", FAST, { long: 20, short: 20 }, null)) };
};

const delivery = (over: OldRow): OldRow => ({
  status: "pending",
  attempts: 0,
  next_attempt_at: T,
  claimed_until: null,
  delivered_at: null,
  last_error: null,
  answer: null,
  ...over,
});

/** Fills one old table: every table below is written the same way, only the rows differ. */
const insert = (db: OldDb, table: string, rows: OldRow | OldRow[]) => db.insertInto(table).values(rows).execute();

/** A delivery told on its first attempt, a second after its change. */
const toldAtOnce = (over: OldRow): OldRow =>
  delivery({ status: "delivered", attempts: 1, delivered_at: T + 1_000, answer: "HTTP 200 ok", ...over });

/** Rows of every kind and status, as the code before 0015 wrote them. */
async function fillOldLedgers(db: OldDb, hook: string): Promise<void> {
  // Readiness: GO (told), then NO-GO (owed: one failed attempt), a row for a channel that left.
  await insert(db, "readiness_state", {
    id: "current",
    verdict: "NO-GO",
    since: T + 2 * MIN,
    seq: 2,
    checked_at: T + 3 * MIN,
    announced: "NO-GO",
  });
  await insert(db, "readiness_change", [
    { seq: 1, from_verdict: null, to_verdict: "GO", at: T, payload: readinessPayload(1, null, "GO", T) },
    {
      seq: 2,
      from_verdict: "GO",
      to_verdict: "NO-GO",
      at: T + 2 * MIN,
      payload: readinessPayload(2, "GO", "NO-GO", T + 2 * MIN),
    },
  ]);
  await insert(db, "readiness_delivery", [
    toldAtOnce({ change_seq: 1, webhook: hook }),
    delivery({
      change_seq: 2,
      webhook: hook,
      attempts: 1,
      next_attempt_at: T + 2 * MIN + 5_000,
      last_error: "HTTP 503",
    }),
    delivery({ change_seq: 2, webhook: GONE, status: "failed", attempts: 8, last_error: "HTTP 500" }),
  ]);

  // Notifications: the Overview went down (owed, reminded every 5 min; PagerDuty held by a window),
  // a reminder already sent, and a weekly digest delivered.
  await insert(db, "notification_state", {
    subject: "overview",
    state: "down",
    seq: 1,
    since: T,
    checked_at: T + 3 * MIN,
    announced: "down",
  });
  const reminderId = `overview#1~r1~json`;
  await insert(db, "notification_change", [
    {
      id: "overview#1",
      subject: "overview",
      seq: 1,
      from_state: null,
      to_state: "down",
      at: T,
      payload: overviewPayload("overview#1", null, "down", T),
    },
    {
      id: reminderId,
      subject: "overview",
      seq: 1,
      from_state: "down",
      to_state: "down",
      at: T + 5 * MIN,
      payload: overviewPayload(reminderId, null, "down", T),
    },
    {
      id: "digest:2026-W48",
      subject: "digest",
      seq: 0,
      from_state: null,
      to_state: "2026-W48",
      at: T - 60 * MIN,
      payload: JSON.stringify({ event: "digest.weekly", id: "digest:2026-W48", model: { week: { id: "2026-W48" } } }),
    },
  ]);
  await insert(db, "notification_delivery", [
    delivery({ change_id: "overview#1", webhook: hook, at: T, remind_every_ms: 5 * MIN }),
    delivery({
      change_id: "overview#1",
      webhook: "channel:pager",
      at: T,
      status: "held",
      last_error: "maintenance window",
      remind_every_ms: null,
    }),
    delivery({
      change_id: reminderId,
      webhook: hook,
      at: T + 5 * MIN,
      status: "delivered",
      attempts: 1,
      delivered_at: T + 5 * MIN,
      answer: "HTTP 202 queued",
      remind_every_ms: null,
    }),
    delivery({
      change_id: "digest:2026-W48",
      webhook: hook,
      at: T - 60 * MIN,
      status: "delivered",
      attempts: 2,
      delivered_at: T - 59 * MIN,
      answer: "HTTP 200 ok",
      remind_every_ms: null,
    }),
  ]);

  // SLO: fired (told), resolved (owed, claimed by a worker that died: its claim has run out).
  const fired = transition(1, null, "firing", T);
  const resolved = transition(2, "firing", "resolved", T + 4 * MIN);
  await insert(db, "slo_alert_state", {
    slo: "startup-all",
    rule: FAST.id,
    status: "resolved",
    since: T + 4 * MIN,
    clear_since: T + MIN,
    seq: 2,
    checked_at: T + 4 * MIN,
    announced: "resolved",
  });
  await insert(db, "slo_alert_transition", [
    { ...withoutRecord(fired.t), from_status: null, to_status: "firing", payload: fired.payload },
    { ...withoutRecord(resolved.t), from_status: "firing", to_status: "resolved", payload: resolved.payload },
  ]);
  await insert(db, "slo_alert_delivery", [
    toldAtOnce({ transition_id: fired.t.id, webhook: hook }),
    delivery({
      transition_id: resolved.t.id,
      webhook: hook,
      status: "sending",
      attempts: 1,
      next_attempt_at: T + 4 * MIN,
      claimed_until: T + 4 * MIN + 30_000,
    }),
  ]);
}

const withoutRecord = (t: TransitionRecord): OldRow => ({ id: t.id, slo: t.slo, rule: t.rule, seq: t.seq, at: t.at });

/** Rows in a table, counted the same way under the old schema and the new (rejects when it is gone). */
async function rowCount(db: OldDb | Store["db"], table: string): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(rows[0]?.n);
}

/** A delivery row as the one ledger should hold it: to the test's hook, no error, no answer, no reminder, unless said. */
const arrived = (row: Record<string, string | number | null>) => ({
  webhook: "hook",
  last_error: null,
  answer: null,
  remind_every_ms: null,
  ...row,
});

const OLD_COUNTS = { state: 3, change: 7, delivery: 9 };

describe.each(DIALECTS)("migration 0015 on a store filled by the old schema ($name)", ({ start, unavailable }) => {
  let receiver: Receiver;
  let store: Store;
  let cleanup: () => Promise<void>;
  let targets: ChannelTarget[];
  let hook: string;
  const later = T + 10 * MIN;

  beforeAll(async () => {
    if (unavailable) return;
    receiver = await startReceiver();
    const config = configWith({
      checks: [],
      webhooks: [{ url: receiver.url("/json"), kind: "json", timeoutMs: 2_000, maxAttempts: 3 }],
    });
    targets = channelTargets(config, {});
    hook = targets[0]?.key ?? "";
    const started = await start();
    cleanup = started.cleanup;
    const migrator = new Migrator({ db: started.bare, provider: { getMigrations: () => Promise.resolve(migrations) } });
    const before = await migrator.migrateTo("0014_watch_coverage");
    expect(before.error).toBeUndefined();
    await fillOldLedgers(started.bare, hook);
    await started.bare.destroy();
    store = await openStore(started.target);
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    await cleanup?.();
    await receiver?.close();
  });

  it.skipIf(unavailable)("every old row arrives in the one ledger, and the old tables are gone", async () => {
    const count = (t: string) => rowCount(store.db, t);
    expect({
      state: await count("ledger_state"),
      change: await count("ledger_change"),
      delivery: await count("ledger_delivery"),
    }).toEqual(OLD_COUNTS);
    const deliveries = await store.db
      .selectFrom("ledger_delivery")
      .select(["kind", "change_id", "webhook", "status", "attempts", "last_error", "answer", "remind_every_ms", "seq"])
      .execute();
    const named = deliveries.map((d) => ({ ...d, webhook: d.webhook === hook ? "hook" : d.webhook }));
    const key = (d: (typeof named)[number]) => `${d.kind} ${d.change_id} ${d.webhook}`;
    expect(named.sort((a, b) => key(a).localeCompare(key(b)))).toEqual([
      arrived({
        kind: "notification",
        change_id: "digest:2026-W48",
        status: "delivered",
        attempts: 2,
        answer: "HTTP 200 ok",
        seq: 0,
      }),
      arrived({
        kind: "notification",
        change_id: "overview#1",
        webhook: "channel:pager",
        status: "held",
        attempts: 0,
        last_error: "maintenance window",
        seq: 1,
      }),
      arrived({
        kind: "notification",
        change_id: "overview#1",
        status: "pending",
        attempts: 0,
        remind_every_ms: 5 * MIN,
        seq: 1,
      }),
      arrived({
        kind: "notification",
        change_id: "overview#1~r1~json",
        status: "delivered",
        attempts: 1,
        answer: "HTTP 202 queued",
        seq: 1,
      }),
      arrived({
        kind: "readiness",
        change_id: "readiness#1",
        status: "delivered",
        attempts: 1,
        answer: "HTTP 200 ok",
        seq: 1,
      }),
      arrived({
        kind: "readiness",
        change_id: "readiness#2",
        webhook: GONE,
        status: "failed",
        attempts: 8,
        last_error: "HTTP 500",
        seq: 2,
      }),
      arrived({
        kind: "readiness",
        change_id: "readiness#2",
        status: "pending",
        attempts: 1,
        last_error: "HTTP 503",
        seq: 2,
      }),
      arrived({
        kind: "slo",
        change_id: `startup-all/${FAST.id}/1`,
        status: "delivered",
        attempts: 1,
        answer: "HTTP 200 ok",
        seq: 1,
      }),
      arrived({ kind: "slo", change_id: `startup-all/${FAST.id}/2`, status: "sending", attempts: 1, seq: 2 }),
    ]);
    const tables =
      store.dialect === "sqlite"
        ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(store.db)
        : await sql<{
            name: string;
          }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(store.db);
    const names = tables.rows.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(["ledger_state", "ledger_change", "ledger_delivery"]));
    // Run again (a crash between SQLite's commit and the migrator's record of it): nothing changes.
    await oneLedgerMigration.up(store.db as unknown as Kysely<unknown>);
    expect(await count("ledger_delivery")).toBe(OLD_COUNTS.delivery);
    for (const old of [
      "readiness_state",
      "readiness_change",
      "readiness_delivery",
      "notification_state",
      "notification_change",
      "notification_delivery",
      "slo_alert_state",
      "slo_alert_transition",
      "slo_alert_delivery",
    ])
      expect(names).not.toContain(old);
  });

  it.skipIf(unavailable)("each kind reads its old history through the new ledger", async () => {
    expect(await currentState(store.db)).toEqual({ verdict: "NO-GO", since: T + 2 * MIN, seq: 2 });
    expect(await recentChanges(store.db, 10)).toEqual([
      { seq: 2, from: "GO", to: "NO-GO", at: new Date(T + 2 * MIN).toISOString() },
      { seq: 1, from: null, to: "GO", at: new Date(T).toISOString() },
    ]);
    expect(await alertStates(store.db)).toEqual([
      { slo: "startup-all", rule: FAST.id, status: "resolved", since: T + 4 * MIN, checkedAt: T + 4 * MIN },
    ]);
    expect((await recentTransitions(store.db, 10)).map((t) => [t.id, t.from, t.to])).toEqual([
      [`startup-all/${FAST.id}/2`, "firing", "resolved"],
      [`startup-all/${FAST.id}/1`, null, "firing"],
    ]);
    const history = await stateHistory(store.db, "overview", T - MIN, T + 6 * MIN);
    expect(history.changes).toEqual([
      { at: T, to: "down" },
      { at: T + 5 * MIN, to: "down" },
    ]);
    expect(history.knownUntil).toBe(T + 3 * MIN);
    expect(await storedDigest(store.db, "2026-W48")).toEqual({ model: { week: { id: "2026-W48" } }, channels: [hook] });
  });

  it.skipIf(unavailable)(
    "pending rows are delivered once with their old ids; delivered and failed ones never again",
    async () => {
      const send = channelSend(undefined);
      const run = async () => [
        await deliverDue(store.db, targets, { now: () => later, send }),
        await deliverSloAlerts(store.db, targets, { now: () => later, send }),
        await deliverNotifications(store.db, targets, { now: () => later, send }),
      ];
      const first = await run();
      expect(first.map((r) => r.delivered)).toEqual([1, 1, 1]);
      const again = await run();
      expect(again.map((r) => r.delivered)).toEqual([0, 0, 0]);
      const ids = receiver.accepted("/json").map((r) => r.headers["x-stagewatch-delivery"]);
      expect(ids).toEqual(["readiness-change-2", `slo-alert-startup-all/${FAST.id}/2`, "overview#1"]);
      // The answers and attempts carry on from the old rows (the readiness row had failed once).
      const view = await notificationsView(store.db, configWith({ checks: [], webhooks: [] }), targets);
      expect(view.deliveries.find((d) => d.change === "readiness-change-2" && d.status === "delivered")).toMatchObject({
        attempts: 2,
      });
    },
  );

  it.skipIf(unavailable)("each subject's numbering carries on after the old rows", async () => {
    const verdict = await recordVerdict(store.db, {
      verdict: "GO",
      checkedAt: later,
      plan: () => sendToAll([]),
      payload: (seq) => ({ seq }),
    });
    expect(verdict.change).toBe(3);
    const overview = await recordState(store.db, {
      subject: "overview",
      state: "up",
      checkedAt: later,
      plan: () => sendToAll([]),
      payload: (id, from) => JSON.parse(overviewPayload(id, from, "up", later)) as NotificationEvent,
    });
    expect(overview).toBe("overview#2");
    const step = await recordAlertStep(store.db, {
      slo: "startup-all",
      rule: FAST.id,
      condition: "burning",
      now: later,
      resolveHoldMs: 5 * MIN,
      plan: () => sendToAll([]),
      payload: (t) => ({ id: t.id }),
    });
    expect(step.transition?.id).toBe(`startup-all/${FAST.id}/3`);
  });
});

describe.each(DIALECTS)("migration 0015 that cannot copy a row ($name)", ({ start, unavailable }) => {
  it.skipIf(unavailable)(
    "fails the start-up and leaves the old tables and rows as they were, no half-made ledger",
    async () => {
      const started = await start();
      try {
        const migrator = new Migrator({
          db: started.bare,
          provider: { getMigrations: () => Promise.resolve(migrations) },
        });
        expect((await migrator.migrateTo("0014_watch_coverage")).error).toBeUndefined();
        await fillOldLedgers(started.bare, "channel:hook");
        // An id both a notification and a readiness change would have in the one ledger.
        await started.bare
          .insertInto("notification_change")
          .values({ id: "readiness#1", subject: "x", seq: 1, from_state: null, to_state: "x", at: T, payload: "{}" })
          .execute();
        await expect(openStore(started.target)).rejects.toThrow(/0015_one_ledger/);
        const count = (t: string) => rowCount(started.bare, t);
        expect([
          await count("readiness_delivery"),
          await count("notification_change"),
          await count("slo_alert_state"),
        ]).toEqual([3, 4, 1]);
        await expect(count("ledger_state")).rejects.toThrow();
      } finally {
        await started.bare.destroy();
        await started.cleanup();
      }
    },
    120_000,
  );
});
