import type { Kysely, Migration } from "kysely";

/**
 * SLO alerts: the state of every SLO × rule (so a transition is detected once, across
 * restarts and replicas, by a compare-and-set on `seq`), the transitions themselves and one
 * delivery row per transition and webhook — the same exactly-once ledger as readiness.
 */
export const sloAlertsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("slo_alert_state")
      .addColumn("slo", "text", (c) => c.notNull())
      .addColumn("rule", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("since", "bigint", (c) => c.notNull())
      .addColumn("clear_since", "bigint")
      .addColumn("seq", "integer", (c) => c.notNull())
      .addColumn("checked_at", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("slo_alert_state_pk", ["slo", "rule"])
      .execute();

    await db.schema
      .createTable("slo_alert_transition")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("slo", "text", (c) => c.notNull())
      .addColumn("rule", "text", (c) => c.notNull())
      .addColumn("seq", "integer", (c) => c.notNull())
      .addColumn("from_status", "text")
      .addColumn("to_status", "text", (c) => c.notNull())
      .addColumn("at", "bigint", (c) => c.notNull())
      .addColumn("payload", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("slo_alert_transition_at").on("slo_alert_transition").column("at").execute();

    await db.schema
      .createTable("slo_alert_delivery")
      .addColumn("transition_id", "text", (c) => c.notNull())
      .addColumn("webhook", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull())
      .addColumn("next_attempt_at", "bigint", (c) => c.notNull())
      .addColumn("claimed_until", "bigint")
      .addColumn("delivered_at", "bigint")
      .addColumn("last_error", "text")
      .addPrimaryKeyConstraint("slo_alert_delivery_pk", ["transition_id", "webhook"])
      .execute();
    await db.schema
      .createIndex("slo_alert_delivery_due")
      .on("slo_alert_delivery")
      .columns(["status", "next_attempt_at"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const t of ["slo_alert_delivery", "slo_alert_transition", "slo_alert_state"])
      await db.schema.dropTable(t).ifExists().execute();
  },
};
