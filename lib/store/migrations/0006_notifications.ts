import type { Kysely, Migration } from "kysely";

/**
 * Change notifications of the Overview verdict and the golden-path probes: the last notified
 * state per subject ("overview", "probe:<name>") so each change is recorded once across
 * restarts and concurrent evaluators, the changes themselves, and one delivery row per change
 * and webhook — the ledger that makes each notification go out once.
 */
export const notificationsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("notification_state")
      .addColumn("subject", "text", (c) => c.primaryKey())
      .addColumn("state", "text", (c) => c.notNull())
      .addColumn("seq", "integer", (c) => c.notNull())
      .addColumn("since", "bigint", (c) => c.notNull())
      .addColumn("checked_at", "bigint", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("notification_change")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("subject", "text", (c) => c.notNull())
      .addColumn("seq", "integer", (c) => c.notNull())
      .addColumn("from_state", "text")
      .addColumn("to_state", "text", (c) => c.notNull())
      .addColumn("at", "bigint", (c) => c.notNull())
      .addColumn("payload", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("notification_change_at").on("notification_change").columns(["at", "id"]).execute();

    await db.schema
      .createTable("notification_delivery")
      .addColumn("change_id", "text", (c) => c.notNull())
      .addColumn("webhook", "text", (c) => c.notNull())
      .addColumn("at", "bigint", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull())
      .addColumn("next_attempt_at", "bigint", (c) => c.notNull())
      .addColumn("claimed_until", "bigint")
      .addColumn("delivered_at", "bigint")
      .addColumn("last_error", "text")
      .addPrimaryKeyConstraint("notification_delivery_pk", ["change_id", "webhook"])
      .execute();
    await db.schema
      .createIndex("notification_delivery_due")
      .on("notification_delivery")
      .columns(["status", "next_attempt_at"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const t of ["notification_delivery", "notification_change", "notification_state"])
      await db.schema.dropTable(t).ifExists().execute();
  },
};
