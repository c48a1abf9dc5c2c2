import type { Kysely, Migration } from "kysely";

/**
 * Tracker actions linked to the changes that carried them out (issue 25: "the connector resize
 * that completed phase 1's action"). The change is kept as it was read when linked (its summary,
 * time and Logs Explorer link, never who made it), so the link still reads when the audit log
 * cannot be read or has aged out. One row per action and change: linking twice is one link.
 */
export const actionChangesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("tracker_action_change")
      .addColumn("incident_id", "text", (c) => c.notNull())
      .addColumn("phase_id", "text", (c) => c.notNull())
      .addColumn("action_id", "text", (c) => c.notNull())
      .addColumn("change_id", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("resource_type", "text", (c) => c.notNull())
      .addColumn("resource_name", "text", (c) => c.notNull())
      .addColumn("summary", "text", (c) => c.notNull())
      .addColumn("outcome", "text", (c) => c.notNull())
      .addColumn("started_at", "bigint", (c) => c.notNull())
      .addColumn("explorer_url", "text", (c) => c.notNull())
      .addColumn("linked_at", "bigint", (c) => c.notNull())
      .addColumn("linked_by", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("tracker_action_change_pk", ["incident_id", "phase_id", "action_id", "change_id"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("tracker_action_change").ifExists().execute();
  },
};
