import { PostgresAdapter, sql, type Kysely } from "kysely";
import { processSingleton } from "@/lib/base/singleton";
import type { StoreSchema } from "./schema";

/**
 * The change feed (migration 0013, decision 0027): appended to inside the transaction that
 * records a change, read by `/api/stream`. On PostgreSQL the append also sends NOTIFY, which
 * PostgreSQL delivers at commit, so every replica's listener hears of committed rows only.
 */

/** The NOTIFY channel every replica LISTENs on; the payload is the new position. */
export const FEED_CHANNEL = "stagewatch_change_feed";
/** Rows kept: a resume further behind than this gets a reset instead of a replay. */
export const FEED_KEEP = 1_000;

export type FeedAppend = {
  at: number;
  kind: string;
  subject: string;
  from: string | null;
  to: string;
  /** JSON: reasons and likely cause. */
  detail: string;
};

export type FeedRow = StoreSchema["change_feed"];

/**
 * Appends one change and returns its position. Bumping the counter row locks it until the
 * transaction ends, so positions are handed out in commit order (a concurrent writer waits).
 */
export async function appendChange(trx: Kysely<StoreSchema>, entry: FeedAppend): Promise<number> {
  const head = await trx
    .updateTable("change_feed_head")
    .set((eb) => ({ pos: eb("pos", "+", 1) }))
    .where("id", "=", "head")
    .returning("pos")
    .executeTakeFirstOrThrow();
  const pos = Number(head.pos);
  await trx
    .insertInto("change_feed")
    .values({
      pos,
      at: entry.at,
      kind: entry.kind,
      subject: entry.subject,
      from_state: entry.from,
      to_state: entry.to,
      detail: entry.detail,
    })
    .execute();
  // Retention as we go: the feed is for resuming a dropped stream, not an archive.
  if (pos > FEED_KEEP)
    await trx
      .deleteFrom("change_feed")
      .where("pos", "<=", pos - FEED_KEEP)
      .execute();
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`select pg_notify(${FEED_CHANNEL}, ${String(pos)})`.execute(trx);
  }
  for (const read of localReaders()) read();
  return pos;
}

/**
 * This process's readers of its own appends. On SQLite (one process) the hub otherwise learnt of
 * a change at its next 1-s read; told here, it reads at once. Shared by every bundle of the
 * process: the leader writes from the start-up bundle, streams read in the routes' bundles.
 */
const localReaders = () => processSingleton("change-feed-local-readers", () => new Set<() => void>());

/**
 * Calls `read` after each append in this process. It is called inside the appending
 * transaction, so `read` must read later, not synchronously: on SQLite the one connection is
 * held until the commit, and a read queued now runs after it and sees the row.
 */
export function onLocalAppend(read: () => void): () => void {
  localReaders().add(read);
  return () => localReaders().delete(read);
}

/** The last position handed out (0 for an empty feed). */
export async function feedHead(db: Kysely<StoreSchema>): Promise<number> {
  const row = await db.selectFrom("change_feed_head").select("pos").where("id", "=", "head").executeTakeFirst();
  return Number(row?.pos ?? 0);
}

/** The oldest position still kept, or null when the feed is empty. */
export async function feedTail(db: Kysely<StoreSchema>): Promise<number | null> {
  const row = await db
    .selectFrom("change_feed")
    .select((eb) => eb.fn.min("pos").as("pos"))
    .executeTakeFirst();
  return row?.pos === null || row?.pos === undefined ? null : Number(row.pos);
}

/** Rows after `pos`, oldest first, at most `limit`. */
export async function changesAfter(db: Kysely<StoreSchema>, pos: number, limit: number): Promise<FeedRow[]> {
  const rows = await db
    .selectFrom("change_feed")
    .selectAll()
    .where("pos", ">", pos)
    .orderBy("pos", "asc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, pos: Number(r.pos), at: Number(r.at) }));
}
