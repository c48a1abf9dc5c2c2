import type { Kysely, Migration } from "kysely";

/**
 * The leader lease (lib/store/leader.ts): one row per role ("background"), naming the replica
 * that holds it, until when (the database's clock, epoch ms), and the fencing token, which
 * grows by one at every change of holder so a deposed leader's late writes can be refused.
 */
export const leaderLeaseMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("leader_lease")
      .addColumn("name", "text", (c) => c.primaryKey())
      .addColumn("holder", "text", (c) => c.notNull())
      .addColumn("token", "bigint", (c) => c.notNull())
      .addColumn("expires_at", "bigint", (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("leader_lease").ifExists().execute();
  },
};
