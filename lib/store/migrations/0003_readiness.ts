import type { Kysely, Migration } from "kysely";

/**
 * Demo readiness: revocable share links, the current verdict (so a change is detected once,
 * across restarts and concurrent evaluations), the numbered changes and one delivery row per
 * change and webhook — the ledger that makes each notification go out once.
 *
 * Ids are made by the app; `seq` numbers come from the compare-and-set on readiness_state,
 * so no auto-increment (spelt differently in SQLite and PostgreSQL) is needed.
 */
export const readinessMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("readiness_share_link")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("created_by", "text", (c) => c.notNull())
      .addColumn("expires_at", "bigint", (c) => c.notNull())
      .addColumn("note", "text")
      .addColumn("revoked_at", "bigint")
      .addColumn("revoked_by", "text")
      .execute();
    await db.schema
      .createIndex("readiness_share_link_created")
      .on("readiness_share_link")
      .column("created_at")
      .execute();

    await db.schema
      .createTable("readiness_state")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("verdict", "text", (c) => c.notNull())
      .addColumn("since", "bigint", (c) => c.notNull())
      .addColumn("seq", "integer", (c) => c.notNull())
      .addColumn("checked_at", "bigint", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("readiness_change")
      .addColumn("seq", "integer", (c) => c.primaryKey())
      .addColumn("from_verdict", "text")
      .addColumn("to_verdict", "text", (c) => c.notNull())
      .addColumn("at", "bigint", (c) => c.notNull())
      .addColumn("payload", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("readiness_delivery")
      .addColumn("change_seq", "integer", (c) => c.notNull())
      .addColumn("webhook", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull())
      .addColumn("next_attempt_at", "bigint", (c) => c.notNull())
      .addColumn("claimed_until", "bigint")
      .addColumn("delivered_at", "bigint")
      .addColumn("last_error", "text")
      .addPrimaryKeyConstraint("readiness_delivery_pk", ["change_seq", "webhook"])
      .execute();
    await db.schema
      .createIndex("readiness_delivery_due")
      .on("readiness_delivery")
      .columns(["status", "next_attempt_at"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const t of ["readiness_delivery", "readiness_change", "readiness_state", "readiness_share_link"]) {
      await db.schema.dropTable(t).ifExists().execute();
    }
  },
};
