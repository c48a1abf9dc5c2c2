import { appendChange } from "@/lib/store/change-feed";
import type { StoreDb } from "@/lib/store/db";
import { deliveryRows, type DeliveryPlan } from "./plan";
import { OVERVIEW_SUBJECT, type NotificationEvent } from "./events";

/**
 * The notification ledger: the last recorded state per subject, its numbered changes and the
 * deliveries each owes. A change is recorded by a compare-and-set on the subject's `seq`, in
 * one transaction with the change row and its delivery rows: of any number of evaluators that
 * see the same change at once (this process or another on the same store) exactly one wins;
 * the rest find it recorded. An observation older than the last recorded one is ignored.
 * The same transaction appends the change to the feed `/api/stream` follows (decision 0027).
 */

const ATTEMPTS = 8;

export type RecordInput = {
  subject: string;
  state: string;
  checkedAt: number;
  /** Where the change goes, decided from the state it leaves (./plan.ts). */
  plan: (previous: string | null) => DeliveryPlan;
  /** The event stored with a change and sent to every webhook. */
  payload: (id: string, previous: string | null) => NotificationEvent;
};

const reminderMs = (plan: DeliveryPlan, key: string): number | null => {
  const minutes = plan.remind[key];
  return minutes === undefined ? null : minutes * 60_000;
};

/** The id of the change recorded by this call, or null when the state was already recorded. */
export async function recordState(db: StoreDb, input: RecordInput): Promise<string | null> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const row = await db
      .selectFrom("notification_state")
      .selectAll()
      .where("subject", "=", input.subject)
      .executeTakeFirst();
    if (row && (row.state === input.state || row.checked_at > input.checkedAt)) {
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
      const values = { state: input.state, seq, since: input.checkedAt, checked_at: input.checkedAt };
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
      const event = input.payload(id, previous);
      await trx
        .insertInto("notification_change")
        .values({
          id,
          subject: input.subject,
          seq,
          from_state: previous,
          to_state: input.state,
          at: input.checkedAt,
          payload: JSON.stringify(event),
        })
        .execute();
      await appendChange(trx, {
        at: input.checkedAt,
        kind: input.subject === OVERVIEW_SUBJECT ? "overview" : "probe",
        subject: input.subject,
        from: previous,
        to: input.state,
        detail: JSON.stringify({ reasons: event.reasons, likelyCause: event.likelyCause }),
      });
      const plan = input.plan(previous);
      const rows = deliveryRows(plan, input.checkedAt);
      if (rows.length) {
        await trx
          .insertInto("notification_delivery")
          .values(
            rows.map((r) => ({
              ...r,
              change_id: id,
              at: input.checkedAt,
              remind_every_ms: reminderMs(plan, r.webhook),
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
