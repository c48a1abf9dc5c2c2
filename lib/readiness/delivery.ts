import type { DeliveryRun } from "@/lib/notifications/outbox";
import type { ChannelTarget } from "@/lib/notifications/channels";
import { deliverWithCurrentSend } from "@/lib/notifications/current";
import { eventMessage, type DefaultSendOptions, type StoreOutbox } from "@/lib/notifications/store-outbox";
import type { StoreDb } from "@/lib/store/db";
import { bodyFor, type ChangeEvent } from "./webhook-payload";

export type { DeliveryRun } from "@/lib/notifications/outbox";

/**
 * Sends what the readiness rows of the one ledger owe, through the one store delivery adapter
 * (lib/notifications/store-outbox.ts): per webhook in change order, so a receiver never sees
 * "GO" after the "NO-GO" that followed it.
 */

const readinessOutbox: StoreOutbox = {
  kind: "Readiness",
  ledger: "readiness",
  then: "seq",
  message: eventMessage<ChangeEvent>("readiness.changed", bodyFor),
  describe: (r) => `change ${r.seq}`,
};

export function deliverDue(
  db: StoreDb,
  targets: readonly ChannelTarget[],
  opts: DefaultSendOptions = {},
): Promise<DeliveryRun> {
  return deliverWithCurrentSend(db, readinessOutbox, targets, opts);
}
