import type { StoreDb } from "./db";

/**
 * Evidence that a subject was watched, one row per subject and hour with at least one check.
 * The ledgers record changes only: without this, hours when no replica was checking (the leader
 * down, the watcher stuck) would read as the last recorded state in the weekly digest.
 */

export const HOUR_MS = 3_600_000;

export const hourOf = (at: number): number => Math.floor(at / HOUR_MS) * HOUR_MS;

// The last hour this process marked per store and subject: one write per subject and hour, not per check.
const marked = new WeakMap<StoreDb, Map<string, number>>();

/** Records that `subject` was checked at `at` (idempotent across checks and replicas). */
export async function markChecked(db: StoreDb, subject: string, at: number): Promise<void> {
  const hour = hourOf(at);
  let bySubject = marked.get(db);
  if (!bySubject) marked.set(db, (bySubject = new Map()));
  if (bySubject.get(subject) === hour) return;
  await db
    .insertInto("watch_coverage")
    .values({ subject, hour })
    .onConflict((oc) => oc.columns(["subject", "hour"]).doNothing())
    .execute();
  bySubject.set(subject, hour);
}

/** The starts of the hours in [from, to) in which `subject` was checked, ascending. */
export async function checkedHours(db: StoreDb, subject: string, from: number, to: number): Promise<number[]> {
  const rows = await db
    .selectFrom("watch_coverage")
    .select("hour")
    .where("subject", "=", subject)
    .where("hour", ">=", hourOf(from))
    .where("hour", "<", to)
    .orderBy("hour")
    .execute();
  return rows.map((r) => Number(r.hour));
}
