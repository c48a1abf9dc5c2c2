import type { DeliveryRun } from "@/lib/notifications/outbox";
import { postSigned } from "@/lib/notifications/post";
import { webhookSecret } from "@/lib/notifications/secret";
import { deliverFromStore, type StoreOutbox } from "@/lib/notifications/store-outbox";
import type { StoreDb } from "@/lib/store/db";
import type { StoreSchema } from "@/lib/store/schema";
import { bodyFor, type ChangeEvent, type WebhookTarget } from "./webhook-payload";

export type { DeliveryRun } from "@/lib/notifications/outbox";

/**
 * Sends what the readiness ledger owes, through the one store delivery adapter
 * (lib/notifications/store-outbox.ts): per webhook in change order, so a receiver never sees
 * "GO" after the "NO-GO" that followed it.
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

type Row = StoreSchema["readiness_delivery"];

const readinessOutbox = (db: StoreDb): StoreOutbox<Row> => ({
  kind: "Readiness",
  table: "readiness_delivery",
  key: { column: "change_seq", of: (r) => r.change_seq },
  open: () =>
    db
      .selectFrom("readiness_delivery")
      .selectAll()
      .where("status", "in", ["pending", "sending"])
      .orderBy("change_seq")
      .execute(),
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
  describe: (r) => `change ${r.change_seq}`,
});

export function deliverDue(
  db: StoreDb,
  targets: readonly WebhookTarget[],
  opts: DeliveryOptions = {},
): Promise<DeliveryRun> {
  return deliverFromStore(db, readinessOutbox(db), targets, { ...opts, send: opts.send ?? postWebhook });
}
