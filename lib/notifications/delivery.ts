import type { WebhookTarget } from "@/lib/readiness/webhook-payload";
import type { StoreDb } from "@/lib/store/db";
import { bodyFor, type NotificationEvent } from "./events";
import { deliverOutbox, minOrNull, type DeliveryRun, type Outbox } from "./outbox";
import { postSigned } from "./post";

export type { DeliveryRun } from "./outbox";

/**
 * Overview and golden-path change notifications, through the one exactly-once delivery loop
 * (./outbox.ts): per webhook in change order, each change signed with its own `webhook-id`.
 */

export type Send = (
  target: WebhookTarget,
  body: string,
  id: string,
  event: NotificationEvent["event"],
) => Promise<void>;

export type DeliveryOptions = { now?: () => number; send: Send; backoffMs?: (failedAttempts: number) => number };

export const signedSend =
  (secret: string | undefined): Send =>
  (target, body, id, event) =>
    postSigned(target, body, id, event, secret);

type Row = {
  change_id: string;
  webhook: string;
  at: number;
  status: string;
  attempts: number;
  next_attempt_at: number;
  claimed_until: number | null;
};

function notificationOutbox(db: StoreDb): Outbox<Row> {
  const row = (r: Row) =>
    db.updateTable("notification_delivery").where("change_id", "=", r.change_id).where("webhook", "=", r.webhook);
  return {
    open: () =>
      db
        .selectFrom("notification_delivery")
        .selectAll()
        .where("status", "in", ["pending", "sending"])
        .orderBy("at")
        .orderBy("change_id")
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
        .selectFrom("notification_change")
        .select("payload")
        .where("id", "=", r.change_id)
        .executeTakeFirst();
      if (!change) return null;
      const event = JSON.parse(change.payload) as NotificationEvent;
      return { id: event.id, event: event.event, body: bodyFor(target.kind, event) };
    },
    nextAttemptAt: async () => {
      const waiting = await db
        .selectFrom("notification_delivery")
        .select((eb) => eb.fn.min<number>("next_attempt_at").as("next"))
        .where("status", "=", "pending")
        .executeTakeFirst();
      return minOrNull(waiting?.next);
    },
    describe: (r) => r.change_id,
  };
}

/** The one place notifications leave the process; the leader's background work calls it. */
export function deliverNotifications(
  db: StoreDb,
  targets: readonly WebhookTarget[],
  opts: DeliveryOptions,
): Promise<DeliveryRun> {
  return deliverOutbox(notificationOutbox(db), targets, {
    ...opts,
    send: (t, body, id, event) => opts.send(t, body, id, event as NotificationEvent["event"]),
    kind: "Notification",
  });
}
