import type { Kysely, Migration } from "kysely";

/**
 * The hours in which a watched subject (the Overview verdict, demo readiness) was checked. The
 * ledgers record changes only, so a stable state and a watcher that was not running look alike
 * there; the weekly digest counts an hour without a check as unknown, never as the last state.
 */
export const watchCoverageMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("watch_coverage")
      .addColumn("subject", "text", (c) => c.notNull())
      .addColumn("hour", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("watch_coverage_pk", ["subject", "hour"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("watch_coverage").ifExists().execute();
  },
};
