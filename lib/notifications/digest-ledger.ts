import type { ChannelKind } from "@/lib/config/core/notifications-schema";
import type { DigestModel } from "@/lib/notifications/core/digest";
import { digestBody } from "@/lib/notifications/core/digest-render";
import type { StoreDb } from "@/lib/store/db";
import { insertChange, insertDeliveries, pendingDelivery } from "./ledger-rows";
import type { Message } from "./outbox";

/**
 * The weekly digest in the notification ledger (decision 0029): a week's digest is one change row
 * (`digest:<week>`, subject "digest") holding the model, and one delivery row per channel, keyed
 * (change, channel) — the idempotency key of a (week, channel). Both are written with
 * insert-or-nothing in one transaction, so of any number of replicas (or a scheduled run and an
 * admin's "send now") each channel is owed the week once, and a crash after the commit leaves the
 * rows for the outbox to send. A digest is held by nothing (it is not an alert): its rows are
 * pending from the start, retried and ordered like every delivery.
 */

export const DIGEST_SUBJECT = "digest";
export const DIGEST_EVENT = "digest.weekly";
export const digestChangeId = (weekId: string) => `${DIGEST_SUBJECT}:${weekId}`;

type DigestPayload = { event: typeof DIGEST_EVENT; id: string; model: DigestModel };

export type RecordedDigest = {
  /** The model recorded for the week (the first one recorded stands: every channel gets the same figures). */
  model: DigestModel;
  /** Channel keys owed the digest by this call. */
  queued: string[];
  /** Channel keys that already had it (sent or on their way). */
  already: string[];
};

/** The week's recorded digest and the channel keys it is owed to (sent or not), or null when none is recorded. */
export async function storedDigest(
  db: StoreDb,
  weekId: string,
): Promise<{ model: DigestModel; channels: string[] } | null> {
  const id = digestChangeId(weekId);
  const change = await db.selectFrom("ledger_change").select("payload").where("id", "=", id).executeTakeFirst();
  if (!change) return null;
  const rows = await db.selectFrom("ledger_delivery").select("webhook").where("change_id", "=", id).execute();
  return { model: (JSON.parse(change.payload) as DigestPayload).model, channels: rows.map((r) => r.webhook) };
}

export async function recordDigest(
  db: StoreDb,
  model: DigestModel,
  channelKeys: readonly string[],
  now: number,
): Promise<RecordedDigest> {
  const id = digestChangeId(model.week.id);
  const payload: DigestPayload = { event: DIGEST_EVENT, id, model };
  return db.transaction().execute(async (trx) => {
    await insertChange(
      trx,
      "notification",
      {
        id,
        subject: DIGEST_SUBJECT,
        seq: 0,
        from_state: null,
        to_state: model.week.id,
        at: now,
        payload: JSON.stringify(payload),
      },
      true,
    );
    const owed = channelKeys.map((webhook) => ({ ...pendingDelivery(now), webhook }));
    const queued = await insertDeliveries(trx, "notification", { id, at: now, seq: 0 }, owed, true);
    const already = channelKeys.filter((k) => !queued.includes(k));
    const stored = await trx
      .selectFrom("ledger_change")
      .select("payload")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    return { model: (JSON.parse(stored.payload) as DigestPayload).model, queued, already };
  });
}

/** The message a stored digest is for a channel of this kind; null for anything else (an alert, or PagerDuty). */
export function digestMessage(payload: unknown, kind: ChannelKind): Message | null | undefined {
  const p = payload as Partial<DigestPayload>;
  if (p.event !== DIGEST_EVENT || !p.model || !p.id) return undefined;
  // PagerDuty is refused as a digest channel at config load; a channel that changed kind since gets nothing.
  if (kind === "pagerduty") return null;
  return { id: p.id, event: DIGEST_EVENT, body: digestBody(kind, p.model) };
}
