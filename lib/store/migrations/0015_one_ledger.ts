import { sql, type Kysely, type Migration, type Transaction } from "kysely";

/**
 * One ledger for every notification kind (issue 29 item 4): the three copies of state, change
 * and delivery tables (0003 readiness, 0006 notifications, 0007 SLO alerts, with the columns 0011
 * and 0012 added) become `ledger_state`, `ledger_change` and `ledger_delivery`, each row tagged
 * with its `kind`. Every row is copied as it is — delivered, pending, held, failed, with its
 * attempts, claim and answer — so a pending delivery is still sent once afterwards and a
 * delivered one never again; message ids live in the stored payloads, so a retry keeps its
 * `webhook-id`. Readiness changes get the id "readiness#<seq>" and SLO subjects "slo:<slo>/<rule>"
 * (an SLO id is a slug, so the first "/" splits it again). The old tables are dropped after the
 * copy, in the same transaction: their data is reachable only through the new ledger, so no
 * second copy can drift from it, and a copy that fails (a clashing id) leaves the store as it was.
 */

const NULL_BIGINT = sql`cast(null as bigint)`;
const DELIVERY_COLUMNS = sql`change_id, webhook, kind, at, seq, status, attempts, next_attempt_at, claimed_until, delivered_at, last_error, answer, remind_every_ms`;
const STATE_COLUMNS = sql`subject, kind, state, seq, since, checked_at, announced, clear_since`;
const CHANGE_COLUMNS = sql`id, kind, subject, seq, from_state, to_state, at, payload`;
const OLD_TABLES = [
  "notification_delivery",
  "notification_change",
  "notification_state",
  "readiness_delivery",
  "readiness_change",
  "readiness_state",
  "slo_alert_delivery",
  "slo_alert_transition",
  "slo_alert_state",
] as const;

async function createTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("ledger_state")
    .addColumn("subject", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("since", "bigint", (c) => c.notNull())
    .addColumn("checked_at", "bigint", (c) => c.notNull())
    .addColumn("announced", "text")
    .addColumn("clear_since", "bigint")
    .execute();
  await db.schema.createIndex("ledger_state_kind").on("ledger_state").column("kind").execute();

  await db.schema
    .createTable("ledger_change")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("from_state", "text")
    .addColumn("to_state", "text", (c) => c.notNull())
    .addColumn("at", "bigint", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("ledger_change_kind_at").on("ledger_change").columns(["kind", "at", "id"]).execute();
  await db.schema.createIndex("ledger_change_subject_at").on("ledger_change").columns(["subject", "at"]).execute();

  await db.schema
    .createTable("ledger_delivery")
    .addColumn("change_id", "text", (c) => c.notNull())
    .addColumn("webhook", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("at", "bigint", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull())
    .addColumn("next_attempt_at", "bigint", (c) => c.notNull())
    .addColumn("claimed_until", "bigint")
    .addColumn("delivered_at", "bigint")
    .addColumn("last_error", "text")
    .addColumn("answer", "text")
    .addColumn("remind_every_ms", "bigint")
    .addPrimaryKeyConstraint("ledger_delivery_pk", ["change_id", "webhook"])
    .execute();
  await db.schema
    .createIndex("ledger_delivery_due")
    .on("ledger_delivery")
    .columns(["kind", "status", "next_attempt_at"])
    .execute();
}

async function copyRows(db: Kysely<unknown>): Promise<void> {
  const steps = [
    sql`insert into ledger_state (${STATE_COLUMNS})
        select subject, 'notification', state, seq, since, checked_at, announced, ${NULL_BIGINT} from notification_state`,
    sql`insert into ledger_state (${STATE_COLUMNS})
        select 'readiness', 'readiness', verdict, seq, since, checked_at, announced, ${NULL_BIGINT}
        from readiness_state where id = 'current'`,
    sql`insert into ledger_state (${STATE_COLUMNS})
        select 'slo:' || slo || '/' || rule, 'slo', status, seq, since, checked_at, announced, clear_since
        from slo_alert_state`,
    sql`insert into ledger_change (${CHANGE_COLUMNS})
        select id, 'notification', subject, seq, from_state, to_state, at, payload from notification_change`,
    sql`insert into ledger_change (${CHANGE_COLUMNS})
        select 'readiness#' || cast(seq as text), 'readiness', 'readiness', seq, from_verdict, to_verdict, at, payload
        from readiness_change`,
    sql`insert into ledger_change (${CHANGE_COLUMNS})
        select id, 'slo', 'slo:' || slo || '/' || rule, seq, from_status, to_status, at, payload
        from slo_alert_transition`,
    // A delivery whose change is gone (none should be) keeps its row: the outbox settles it as failed.
    sql`insert into ledger_delivery (${DELIVERY_COLUMNS})
        select d.change_id, d.webhook, 'notification', d.at, coalesce(c.seq, 0), d.status, d.attempts,
               d.next_attempt_at, d.claimed_until, d.delivered_at, d.last_error, d.answer, d.remind_every_ms
        from notification_delivery d left join notification_change c on c.id = d.change_id`,
    sql`insert into ledger_delivery (${DELIVERY_COLUMNS})
        select 'readiness#' || cast(d.change_seq as text), d.webhook, 'readiness', coalesce(c.at, d.next_attempt_at),
               d.change_seq, d.status, d.attempts, d.next_attempt_at, d.claimed_until, d.delivered_at, d.last_error,
               d.answer, ${NULL_BIGINT}
        from readiness_delivery d left join readiness_change c on c.seq = d.change_seq`,
    sql`insert into ledger_delivery (${DELIVERY_COLUMNS})
        select d.transition_id, d.webhook, 'slo', coalesce(t.at, d.next_attempt_at), coalesce(t.seq, 0), d.status,
               d.attempts, d.next_attempt_at, d.claimed_until, d.delivered_at, d.last_error, d.answer, ${NULL_BIGINT}
        from slo_alert_delivery d left join slo_alert_transition t on t.id = d.transition_id`,
  ];
  for (const step of steps) await step.execute(db);
  for (const t of OLD_TABLES) await db.schema.dropTable(t).execute();
}

/** PostgreSQL runs every migration in the migrator's transaction; SQLite's migrator does not, so this one opens its own. */
function inTransaction(db: Kysely<unknown>, work: (trx: Kysely<unknown>) => Promise<void>): Promise<void> {
  return db.isTransaction ? work(db) : db.transaction().execute((trx: Transaction<unknown>) => work(trx));
}

/**
 * SQLite's migrator records a migration after its `up` commits, not in the same transaction: a
 * crash in between runs this again on a store it has already merged, which is then left as it is.
 */
async function alreadyMerged(db: Kysely<unknown>): Promise<boolean> {
  const names = new Set((await db.introspection.getTables()).map((t) => t.name));
  return names.has("ledger_state") && !names.has("notification_state");
}

// No `down`: the old tables cannot take rows the one ledger has since written in their place
// (reminders and digests beside readiness and SLO rows), and a partial way back would lose them.
export const oneLedgerMigration: Migration = {
  up: (db: Kysely<unknown>) =>
    inTransaction(db, async (trx) => {
      if (await alreadyMerged(trx)) return;
      await createTables(trx);
      await copyRows(trx);
    }),
};
