import type { StoreDb } from "@/lib/store/db";

/**
 * The notification ledger: the last recorded state per subject, its numbered changes and the
 * deliveries each owes. A change is recorded by a compare-and-set on the subject's `seq`, in
 * one transaction with the change row and its delivery rows: of any number of evaluators that
 * see the same change at once (this process or another on the same store) exactly one wins;
 * the rest find it recorded. An observation older than the last recorded one is ignored.
 *
 * Maintenance (issue 26): a change observed while its subject is `held` is recorded but owes
 * no delivery; `announced` keeps the state people last heard. The first observation after the
 * window that differs from `announced` owes one message with the current state — also when
 * the state itself did not change (a probe that went down in the window and stays down) —
 * and one that equals it owes none. The same compare-and-set makes that once across replicas.
 */

const ATTEMPTS = 8;

export type RecordInput = {
  subject: string;
  state: string;
  checkedAt: number;
  webhooks: readonly string[];
  /** The event stored with a change and sent to every webhook; `previous` is the state people last heard of. */
  payload: (id: string, previous: string | null) => unknown;
  /** In maintenance: record the change, send nothing. */
  held?: boolean;
};

/** The id of the change recorded by this call, or null when the state was already recorded. */
export async function recordState(db: StoreDb, input: RecordInput): Promise<string | null> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const row = await db
      .selectFrom("notification_state")
      .selectAll()
      .where("subject", "=", input.subject)
      .executeTakeFirst();
    const held = input.held === true;
    const announced = row ? row.announced : null;
    // Owed: the state people last heard differs from the current one, and nothing holds it back.
    const owed = !held && announced !== input.state;
    if (row && (row.checked_at > input.checkedAt || (row.state === input.state && !owed))) {
      if (row.state === input.state && row.checked_at < input.checkedAt) {
        await db
          .updateTable("notification_state")
          .set({ checked_at: input.checkedAt })
          .where("subject", "=", input.subject)
          .where("checked_at", "<", input.checkedAt)
          .execute();
      }
      return null;
    }
    const seq = (row?.seq ?? 0) + 1;
    const id = `${input.subject}#${seq}`;
    const previous = row?.state ?? null;
    const won = await db.transaction().execute(async (trx) => {
      const values = {
        state: input.state,
        seq,
        since: row && row.state === input.state ? row.since : input.checkedAt,
        checked_at: input.checkedAt,
        announced: held ? announced : input.state,
      };
      const r = row
        ? await trx
            .updateTable("notification_state")
            .set(values)
            .where("subject", "=", input.subject)
            .where("seq", "=", row.seq)
            .executeTakeFirst()
        : await trx
            .insertInto("notification_state")
            .values({ subject: input.subject, ...values })
            .onConflict((oc) => oc.column("subject").doNothing())
            .executeTakeFirst();
      const changed = "numUpdatedRows" in r ? Number(r.numUpdatedRows) : Number(r.numInsertedOrUpdatedRows ?? 0);
      if (changed !== 1) return false;
      await trx
        .insertInto("notification_change")
        .values({
          id,
          subject: input.subject,
          seq,
          from_state: previous,
          to_state: input.state,
          at: input.checkedAt,
          payload: JSON.stringify(input.payload(id, held ? previous : announced)),
        })
        .execute();
      if (owed && input.webhooks.length) {
        await trx
          .insertInto("notification_delivery")
          .values(
            input.webhooks.map((webhook) => ({
              change_id: id,
              webhook,
              at: input.checkedAt,
              status: "pending",
              attempts: 0,
              next_attempt_at: input.checkedAt,
              claimed_until: null,
              delivered_at: null,
              last_error: null,
            })),
          )
          .execute();
      }
      return true;
    });
    if (won) return id;
  }
  throw new Error(`The state of ${input.subject} could not be recorded: the store kept changing under it.`);
}
