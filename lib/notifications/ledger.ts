import { appendChange } from "@/lib/store/change-feed";
import type { StoreDb } from "@/lib/store/db";
import { checkedHours, markChecked } from "@/lib/store/watch-coverage";
import { audienceOf, type Audience } from "./audience";
import { deliveryRows, type DeliveryPlan } from "./plan";
import { subjectEvent } from "@/lib/health/notifications/routing";
import type { NotificationEvent } from "./events";
import type { StateHistory } from "@/lib/health/notifications/digest";

/**
 * The notification ledger: the last recorded state per subject, its numbered changes and the
 * deliveries each owes. A change is recorded by a compare-and-set on the subject's `seq`, in
 * one transaction with the change row and its delivery rows: of any number of evaluators that
 * see the same change at once (this process or another on the same store) exactly one wins;
 * the rest find it recorded. An observation older than the last recorded one is ignored.
 * The same transaction appends the change to the feed `/api/stream` follows (decision 0027).
 *
 * Maintenance (issue 26): a change observed while its subject is `held` (in a maintenance
 * window) is recorded, goes to the feed and to the channels that asked for `duringMaintenance`;
 * every other channel gets a held row (the plan's routing decides that, ./current.ts), and
 * `announced` keeps the state those channels last heard. The first observation after the
 * window that differs from `announced` owes one message with the current state — also when
 * the state itself did not change (a probe that went down in the window and stays down; then
 * only to the channels that were held) — and one that equals it owes none. The same
 * compare-and-set makes that once across replicas.
 */

const ATTEMPTS = 8;

export type RecordInput = {
  subject: string;
  state: string;
  checkedAt: number;
  /**
   * Where the change goes, decided from the state people last heard (./plan.ts), to whom
   * (./audience.ts: after a window only some channels may be owed it).
   */
  plan: (previous: string | null, audience: Audience) => DeliveryPlan;
  /** The event stored with a change and sent to every channel; `previous` is the state people last heard of. */
  payload: (id: string, previous: string | null) => NotificationEvent;
  /** The subject is in a maintenance window now (the same windows the plan's held predicate reads). */
  held?: boolean;
};

const reminderMs = (plan: DeliveryPlan, key: string): number | null => {
  const minutes = plan.remind[key];
  return minutes === undefined ? null : minutes * 60_000;
};

/** The id of the change recorded by this call, or null when the state was already recorded. */
export async function recordState(db: StoreDb, input: RecordInput): Promise<string | null> {
  await markChecked(db, input.subject, input.checkedAt);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const row = await db
      .selectFrom("notification_state")
      .selectAll()
      .where("subject", "=", input.subject)
      .executeTakeFirst();
    const held = input.held === true;
    const announced = row ? row.announced : null;
    // After a window, the state the held channels last heard may differ from the current one.
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
    const { audience, heard } = audienceOf(held, previous, announced, input.state);
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
      const event = input.payload(id, heard);
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
      // The feed shows what happened, maintenance or not; a catch-up announcement is no change.
      // Only what open pages show live (decision 0027): the Overview and its golden-path probes.
      const kind = subjectEvent(input.subject);
      if (previous !== input.state && (kind === "overview" || kind === "probe")) {
        await appendChange(trx, {
          at: input.checkedAt,
          kind,
          subject: input.subject,
          from: previous,
          to: input.state,
          detail: JSON.stringify({ reasons: event.reasons, likelyCause: event.likelyCause }),
        });
      }
      const plan = input.plan(heard, audience);
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

/**
 * A subject's recorded states around [from, to) for the weekly digest: the last change before
 * `from` (the state the span starts in), the changes inside it, and when the state was last
 * checked (time after that is unknown). Reminders repeat a state and change nothing here.
 */
export async function stateHistory(db: StoreDb, subject: string, from: number, to: number): Promise<StateHistory> {
  const cols = ["at", "to_state"] as const;
  const [before, inside, row, hours] = await Promise.all([
    db
      .selectFrom("notification_change")
      .select(cols)
      .where("subject", "=", subject)
      .where("at", "<", from)
      .orderBy("at", "desc")
      .orderBy("seq", "desc")
      .limit(1)
      .execute(),
    db
      .selectFrom("notification_change")
      .select(cols)
      .where("subject", "=", subject)
      .where("at", ">=", from)
      .where("at", "<", to)
      .orderBy("at")
      .execute(),
    db.selectFrom("notification_state").select("checked_at").where("subject", "=", subject).executeTakeFirst(),
    checkedHours(db, subject, from, to),
  ]);
  return {
    changes: [...before, ...inside].map((c) => ({ at: Number(c.at), to: c.to_state })),
    knownUntil: row ? Number(row.checked_at) : null,
    checkedHours: hours,
  };
}
