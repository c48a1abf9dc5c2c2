import type { DeliveryRun } from "@/lib/notifications/outbox";
import type { ChannelTarget } from "@/lib/notifications/channels";
import { currentSend } from "@/lib/notifications/current";
import { deliverFromStore, type StoreDeliveryOptions, type StoreOutbox } from "@/lib/notifications/store-outbox";
import type { StoreDb } from "@/lib/store/db";
import type { StoreSchema } from "@/lib/store/schema";
import { bodyFor, type ChangeEvent } from "./webhook-payload";

export type { DeliveryRun } from "@/lib/notifications/outbox";

/**
 * Sends what the readiness ledger owes, through the one store delivery adapter
 * (lib/notifications/store-outbox.ts): per webhook in change order, so a receiver never sees
 * "GO" after the "NO-GO" that followed it.
 */

/** The send defaults to this process's (every channel kind; JSON and Slack signed). */
export type DeliveryOptions = Omit<StoreDeliveryOptions, "send"> & Partial<Pick<StoreDeliveryOptions, "send">>;

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
  targets: readonly ChannelTarget[],
  opts: DeliveryOptions = {},
): Promise<DeliveryRun> {
  return deliverFromStore(db, readinessOutbox(db), targets, { ...opts, send: opts.send ?? currentSend() });
}
