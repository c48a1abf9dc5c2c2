import type { DeliveryRun } from "@/lib/notifications/outbox";
import { eventMessage, type DefaultSendOptions, type StoreOutbox } from "@/lib/notifications/store-outbox";
import type { ChannelTarget } from "@/lib/notifications/channels";
import { deliverWithCurrentSend } from "@/lib/notifications/current";
import type { StoreDb } from "@/lib/store/db";
import { alertBody, type SloAlertEvent } from "./alert-event";

/**
 * Sends what the SLO alert rows of the one ledger owe through the readiness webhooks and the one store
 * delivery adapter (lib/notifications/store-outbox.ts): per webhook in transition order, so
 * "resolved" never arrives before the "firing" it ends.
 */

export type SloDeliveryOptions = DefaultSendOptions;
export type SloDeliveryRun = DeliveryRun;

const sloOutbox: StoreOutbox = {
  kind: "SLO alert",
  ledger: "slo",
  then: "seq",
  message: eventMessage<SloAlertEvent>("slo.alert", alertBody),
  describe: (r) => `alert transition ${r.change_id}`,
};

/** The one function that sends SLO alerts to receivers; the leader's background work calls it. */
export function deliverSloAlerts(
  db: StoreDb,
  targets: readonly ChannelTarget[],
  opts: SloDeliveryOptions = {},
): Promise<SloDeliveryRun> {
  return deliverWithCurrentSend(db, sloOutbox, targets, opts);
}
