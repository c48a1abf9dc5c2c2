import type { Kysely, Migration } from "kysely";

/**
 * Addresses an admin has shut out (decision 0020). Behind Identity-Aware Proxy every request
 * signs its user in again, so ending an IAP user's session alone would last one request; a
 * row here keeps that address out on every replica until an admin removes it.
 */
export const authBlockMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("auth_block")
      .addColumn("email", "text", (c) => c.primaryKey())
      .addColumn("blocked_at", "bigint", (c) => c.notNull())
      .addColumn("blocked_by", "text", (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("auth_block").ifExists().execute();
  },
};
