import { sql, type Kysely, type Migration } from "kysely";

/**
 * Maintenance windows made through the API (issue 26; the config's own windows are not
 * stored), and, on each notification ledger, the state last announced to people. During a
 * window a change is recorded but not sent; when the window ends the ledger compares the
 * current state with `announced` and sends one message when they differ. Existing rows were
 * all announced, so `announced` starts as their state.
 */
const LEDGERS = [
  ["notification_state", "state"],
  ["readiness_state", "verdict"],
  ["slo_alert_state", "status"],
] as const;

export const maintenanceMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("maintenance_window")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("scope", "text", (c) => c.notNull())
      .addColumn("reason", "text", (c) => c.notNull())
      .addColumn("starts_at", "bigint", (c) => c.notNull())
      .addColumn("ends_at", "bigint", (c) => c.notNull())
      .addColumn("created_by", "text", (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("ended_by", "text")
      .addColumn("ended_at", "bigint")
      .execute();
    await db.schema.createIndex("maintenance_window_ends").on("maintenance_window").column("ends_at").execute();
    for (const [table, column] of LEDGERS) {
      await db.schema.alterTable(table).addColumn("announced", "text").execute();
      await sql`update ${sql.table(table)} set announced = ${sql.ref(column)}`.execute(db);
    }
  },
  async down(db: Kysely<unknown>) {
    for (const [table] of LEDGERS) await db.schema.alterTable(table).dropColumn("announced").execute();
    await db.schema.dropTable("maintenance_window").ifExists().execute();
  },
};
