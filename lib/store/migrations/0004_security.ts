import type { Kysely, Migration } from "kysely";

/**
 * Security state shared by every replica: rate-limit counters (the layout rate-limiter-flexible's
 * SQLite and PostgreSQL limiters read: key, points, expire in ms) and sign-in sessions, whose
 * rows are the server-side revocation list and the idle-timeout clock.
 */
export const securityMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("rate_limit")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("points", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("expire", "bigint")
      .execute();

    await db.schema
      .createTable("auth_session")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("username", "text", (c) => c.notNull())
      .addColumn("provider", "text", (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("last_seen_at", "bigint", (c) => c.notNull())
      .addColumn("expires_at", "bigint", (c) => c.notNull())
      .addColumn("revoked_at", "bigint")
      .addColumn("revoked_by", "text")
      .addColumn("user_agent", "text")
      .execute();
    await db.schema
      .createIndex("auth_session_username")
      .on("auth_session")
      .columns(["username", "created_at"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const t of ["auth_session", "rate_limit"]) await db.schema.dropTable(t).ifExists().execute();
  },
};
