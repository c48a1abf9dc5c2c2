import { formatDurationWords } from "@/lib/core/format";
import { stateSeverity, subjectEvent } from "@/lib/notifications/core/routing";
import type { StoreDb } from "@/lib/store/db";
import type { NotificationEvent } from "./events";
import { insertChange, insertDeliveries, pendingDelivery } from "./ledger-rows";

/**
 * Reminders: while an Overview, golden-path or demo-rehearsal state stays bad (anything a rule
 * would not call info: down, missing, degraded, unknown, flapping, failed; a change to staging is
 * always info, so never reminded), each channel whose rule asks for it is told again every N
 * minutes, with how long it has been so. Reminder k of a change for a channel has the id
 * `<change>~r<k>~<channel>`: recorded with insert-or-nothing on that id, so of any number of
 * replicas exactly one records it, and it goes out once through the same outbox as changes (in
 * order, retried, the id as `webhook-id`). Only the latest due reminder is recorded: after an
 * outage of the watcher nobody gets the missed ones in a burst.
 */

/** Whether a reminder of this subject to this channel key is held now (a maintenance window, ./current.ts). */
export type ReminderHeld = (subject: string, channelKey: string) => boolean;

/** Records the reminders due at `now`, none that `held` holds back; returns how many it recorded. */
export async function recordReminders(db: StoreDb, now: number, held: ReminderHeld = () => false): Promise<number> {
  const states = await db.selectFrom("ledger_state").selectAll().where("kind", "=", "notification").execute();
  let recorded = 0;
  for (const s of states) {
    if (stateSeverity(subjectEvent(s.subject), s.state) === "info") continue;
    const changeId = `${s.subject}#${s.seq}`;
    const owed = await db
      .selectFrom("ledger_delivery")
      .select(["webhook", "remind_every_ms"])
      .where("change_id", "=", changeId)
      .where("remind_every_ms", "is not", null)
      .execute();
    if (!owed.length) continue;
    const change = await db.selectFrom("ledger_change").select("payload").where("id", "=", changeId).executeTakeFirst();
    if (!change) continue;
    for (const row of owed) {
      // In a window the channel is not reminded either; after it, the state is announced anew.
      if (held(s.subject, row.webhook)) continue;
      const every = Number(row.remind_every_ms);
      const k = Math.floor((now - Number(s.since)) / every);
      if (k < 1) continue;
      const dueAt = Number(s.since) + k * every;
      if (
        await recordOne(
          db,
          { subject: s.subject, seq: s.seq, changeId, payload: change.payload },
          row.webhook,
          k,
          dueAt,
        )
      )
        recorded++;
    }
  }
  return recorded;
}

type Change = { subject: string; seq: number; changeId: string; payload: string };

async function recordOne(db: StoreDb, c: Change, webhook: string, k: number, dueAt: number): Promise<boolean> {
  const id = `${c.changeId}~r${k}~${webhook.replace(/^channel:/, "")}`;
  const event = JSON.parse(c.payload) as NotificationEvent;
  const since = Date.parse(event.changedAt);
  const reminder: NotificationEvent = { ...event, id, redFor: formatDurationWords((dueAt - since) / 1000) };
  return db.transaction().execute(async (trx) => {
    // Still the same state? This update also locks the state row (PostgreSQL) until commit, so
    // a recovery recorded meanwhile comes after this reminder, never before it.
    const same = await trx
      .updateTable("ledger_state")
      .set((eb) => ({ seq: eb.ref("seq") }))
      .where("subject", "=", c.subject)
      .where("seq", "=", c.seq)
      .executeTakeFirst();
    if (Number(same.numUpdatedRows) !== 1) return false;
    const inserted = await insertChange(
      trx,
      "notification",
      {
        id,
        subject: c.subject,
        seq: c.seq,
        from_state: event.to,
        to_state: event.to,
        at: dueAt,
        payload: JSON.stringify(reminder),
      },
      true,
    );
    if (!inserted) return false;
    await insertDeliveries(trx, "notification", { id, at: dueAt, seq: c.seq }, [
      { ...pendingDelivery(dueAt), webhook },
    ]);
    return true;
  });
}
