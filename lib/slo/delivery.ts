import type { DeliveryRun } from "@/lib/notifications/outbox";
import { deliverFromStore, type StoreOutbox } from "@/lib/notifications/store-outbox";
import type { ChannelTarget } from "@/lib/notifications/channels";
import { currentSend } from "@/lib/notifications/current";
import type { DeliveryOptions } from "@/lib/readiness/delivery";
import type { StoreDb } from "@/lib/store/db";
import type { StoreSchema } from "@/lib/store/schema";
import { alertBody, type SloAlertEvent } from "./alert-event";

/**
 * Sends what the SLO alert ledger owes through the readiness webhooks and the one store
 * delivery adapter (lib/notifications/store-outbox.ts): per webhook in transition order, so
 * "resolved" never arrives before the "firing" it ends.
 */

export type SloDeliveryOptions = DeliveryOptions;
export type SloDeliveryRun = DeliveryRun;

/** A delivery row with the JSON event of its transition, sent the same on every attempt. */
type Row = StoreSchema["slo_alert_delivery"] & { payload: string };

const sloOutbox = (db: StoreDb): StoreOutbox<Row> => ({
  kind: "SLO alert",
  table: "slo_alert_delivery",
  key: { column: "transition_id", of: (r) => r.transition_id },
  open: () =>
    db
      .selectFrom("slo_alert_delivery")
      .innerJoin("slo_alert_transition", "slo_alert_transition.id", "slo_alert_delivery.transition_id")
      .selectAll("slo_alert_delivery")
      .select(["slo_alert_transition.payload"])
      .where("slo_alert_delivery.status", "in", ["pending", "sending"])
      .orderBy("slo_alert_transition.at")
      .orderBy("slo_alert_transition.seq")
      .execute(),
  message: (r, target) => {
    const event = JSON.parse(r.payload) as SloAlertEvent;
    return Promise.resolve({ id: event.id, event: "slo.alert", body: alertBody(target.kind, event) });
  },
  describe: (r) => `alert transition ${r.transition_id}`,
});

/** The one function that sends SLO alerts to receivers; the leader's background work calls it. */
export function deliverSloAlerts(
  db: StoreDb,
  targets: readonly ChannelTarget[],
  opts: SloDeliveryOptions = {},
): Promise<SloDeliveryRun> {
  return deliverFromStore(db, sloOutbox(db), targets, { ...opts, send: opts.send ?? currentSend() });
}
