import type { Kysely, Migration } from "kysely";

/**
 * Demo rehearsals (decision 0012): one row per run with its step timings (JSON) and the kinds
 * of screenshot it stored. The PNGs themselves live on disk under the data directory
 * (rehearsals/<run id>/<kind>.png), written before the row, so a row never points at nothing.
 */
export const rehearsalMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("rehearsal_run")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("probe", "text", (c) => c.notNull())
      .addColumn("started_at", "bigint", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("duration_ms", "integer", (c) => c.notNull())
      .addColumn("failed_step", "integer")
      .addColumn("error", "text")
      .addColumn("steps", "text", (c) => c.notNull())
      .addColumn("screenshots", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("rehearsal_run_probe_started")
      .on("rehearsal_run")
      .columns(["probe", "started_at"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("rehearsal_run").ifExists().execute();
  },
};
