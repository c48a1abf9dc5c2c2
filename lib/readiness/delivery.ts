import { deliverOutbox, minOrNull, type DeliveryRun, type Outbox } from "@/lib/notifications/outbox";
import { postSigned } from "@/lib/notifications/post";
import { webhookSecret } from "@/lib/notifications/secret";
import type { StoreDb } from "@/lib/store/db";
import { bodyFor, type ChangeEvent, type WebhookTarget } from "./webhook-payload";

export type { DeliveryRun } from "@/lib/notifications/outbox";

/**
 * Sends what the readiness ledger owes, through the one exactly-once delivery loop
 * (lib/notifications/outbox.ts): per webhook in change order, so a receiver never sees "GO"
 * after the "NO-GO" that followed it.
 */

/** `event` names the kind of notification (`webhook-…` headers and `x-stagewatch-event`); SLO alerts share this channel. */
export type Send = (target: WebhookTarget, body: string, deliveryId: string, event?: string) => Promise<void>;

export interface DeliveryOptions {
  now?: () => number;
  send?: Send;
  /** Wait before attempt n+1 after n failed attempts. */
  backoffMs?: (failedAttempts: number) => number;
}

/** A POST with the webhook's timeout, signed the Standard Webhooks way (lib/notifications/post.ts). */
export const postWebhook: Send = (target, body, deliveryId, event = "readiness.changed") =>
  postSigned(target, body, deliveryId, event, webhookSecret());

type Row = {
  change_seq: number;
  webhook: string;
  status: string;
  attempts: number;
  next_attempt_at: number;
  claimed_until: number | null;
};

function readinessOutbox(db: StoreDb): Outbox<Row> {
  const row = (r: Row) =>
    db.updateTable("readiness_delivery").where("change_seq", "=", r.change_seq).where("webhook", "=", r.webhook);
  return {
    open: () =>
      db
        .selectFrom("readiness_delivery")
        .selectAll()
        .where("status", "in", ["pending", "sending"])
        .orderBy("change_seq")
        .execute(),
    claim: async (r, claimedUntil) => {
      const res = await row(r)
        .set({ status: "sending", attempts: r.attempts + 1, claimed_until: claimedUntil })
        .where("attempts", "=", r.attempts)
        .where("status", "=", r.status)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },
    settle: async (r, outcome) =>
      void (await row(r)
        .set({ ...outcome, claimed_until: null })
        .execute()),
    message: async (r, target) => {
      const change = await db
        .selectFrom("readiness_change")
        .select("payload")
        .where("seq", "=", r.change_seq)
        .executeTakeFirst();
      if (!change) return null;
      const event = JSON.parse(change.payload) as ChangeEvent;
      return { id: event.id, event: "readiness.changed", body: bodyFor(target.kind, event) };
    },
    nextAttemptAt: async () => {
      const waiting = await db
        .selectFrom("readiness_delivery")
        .select((eb) => eb.fn.min<number>("next_attempt_at").as("next"))
        .where("status", "=", "pending")
        .executeTakeFirst();
      return minOrNull(waiting?.next);
    },
    describe: (r) => `change ${r.change_seq}`,
  };
}

export function deliverDue(
  db: StoreDb,
  targets: readonly WebhookTarget[],
  opts: DeliveryOptions = {},
): Promise<DeliveryRun> {
  const send = opts.send ?? postWebhook;
  return deliverOutbox(readinessOutbox(db), targets, {
    now: opts.now,
    backoffMs: opts.backoffMs,
    send: (t, body, id, event) => send(t, body, id, event),
    kind: "Readiness",
  });
}
