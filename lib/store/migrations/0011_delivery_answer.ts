import type { Kysely, Migration } from "kysely";

/**
 * Channels (decision 0024): every delivery row keeps what the receiver answered (the first
 * bytes: "HTTP 202 …", "SMTP 250 …"), shown on the Notifications page next to its status.
 * A row held back by a maintenance window has status "held" and the reason in last_error.
 * An Overview or golden-path delivery also keeps its rule's reminder interval (reminders).
 */
const TABLES = ["notification_delivery", "readiness_delivery", "slo_alert_delivery"] as const;

export const deliveryAnswerMigration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const t of TABLES) await db.schema.alterTable(t).addColumn("answer", "text").execute();
    await db.schema.alterTable("notification_delivery").addColumn("remind_every_ms", "bigint").execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable("notification_delivery").dropColumn("remind_every_ms").execute();
    for (const t of TABLES) await db.schema.alterTable(t).dropColumn("answer").execute();
  },
};
