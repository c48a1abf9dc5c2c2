import type { StoreDb } from "@/lib/store/db";
import type { ChannelTarget } from "./channels";
import type { StoreSchema } from "@/lib/store/schema";
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

type Row = StoreSchema["notification_delivery"];

const notificationOutbox = (db: StoreDb): StoreOutbox<Row> => ({
  kind: "Notification",
  table: "notification_delivery",
  key: { column: "change_id", of: (r) => r.change_id },
  open: () =>
    db
      .selectFrom("notification_delivery")
      .selectAll()
      .where("status", "in", ["pending", "sending"])
      .orderBy("at")
      .orderBy("change_id")
      .execute(),
  message: async (r, target) => {
    const change = await db
      .selectFrom("notification_change")
      .select("payload")
      .where("id", "=", r.change_id)
      .executeTakeFirst();
    if (!change) return null;
    const stored: unknown = JSON.parse(change.payload);
    // The weekly digest rides the same ledger and lanes (./digest-ledger.ts).
    const digest = digestMessage(stored, target.kind);
    if (digest !== undefined) return digest;
    const event = stored as NotificationEvent;
    return { id: event.id, event: event.event, body: bodyFor(target.kind, event) };
  },
  describe: (r) => r.change_id,
});

/** The one place notifications leave the process; the leader's background work calls it. */
export function deliverNotifications(
  db: StoreDb,
  targets: readonly ChannelTarget[],
  opts: DeliveryOptions,
): Promise<DeliveryRun> {
  return deliverFromStore(db, notificationOutbox(db), targets, opts);
}
