import { sql, type Kysely, type Migration } from "kysely";

/**
 * The change feed that `/api/stream` replays and follows (decision 0027): one row per recorded
 * change of the Overview verdict, a golden-path probe or demo readiness, numbered by a counter
 * row that every writer updates in its own transaction. The row lock on the counter makes the
 * numbers follow commit order, so a reader that has seen N has seen everything below N: a
 * `Last-Event-ID` resume never skips a change that committed late.
 */
export const changeFeedMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("change_feed")
      .addColumn("pos", "integer", (c) => c.primaryKey())
      .addColumn("at", "bigint", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("subject", "text", (c) => c.notNull())
      .addColumn("from_state", "text")
      .addColumn("to_state", "text", (c) => c.notNull())
      .addColumn("detail", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("change_feed_head")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("pos", "integer", (c) => c.notNull())
      .execute();
    await sql`insert into change_feed_head (id, pos) values ('head', 0)`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    for (const t of ["change_feed_head", "change_feed"]) await db.schema.dropTable(t).ifExists().execute();
  },
};
