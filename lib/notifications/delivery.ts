import type { StoreDb } from "@/lib/store/db";
import type { ChannelTarget } from "./channels";
import { bodyFor, type NotificationEvent } from "./events";
import { digestMessage } from "./digest-ledger";
import type { DeliveryRun } from "./outbox";
import { deliverFromStore, type StoreDeliveryOptions, type StoreOutbox } from "./store-outbox";

export type { DeliveryRun } from "./outbox";

/**
 * Overview and golden-path change notifications, through the one store delivery adapter
 * (./store-outbox.ts): per webhook in change order, each change signed with its own `webhook-id`.
 */

export type DeliveryOptions = StoreDeliveryOptions;

const notificationOutbox: StoreOutbox = {
  kind: "Notification",
  ledger: "notification",
  then: "change_id",
  message: (stored, target) => {
    // The weekly digest rides the same ledger and lanes (./digest-ledger.ts).
    const digest = digestMessage(stored, target.kind);
    if (digest !== undefined) return digest;
    const event = stored as NotificationEvent;
    return { id: event.id, event: event.event, body: bodyFor(target.kind, event) };
  },
  describe: (r) => r.change_id,
};

/** The one place notifications leave the process; the leader's background work calls it. */
export function deliverNotifications(
  db: StoreDb,
  targets: readonly ChannelTarget[],
  opts: DeliveryOptions,
): Promise<DeliveryRun> {
  return deliverFromStore(db, notificationOutbox, targets, opts);
}
