import { deliverOutbox, minOrNull, type DeliveryRun, type Outbox } from "@/lib/notifications/outbox";
import { postWebhook, type Send } from "@/lib/readiness/delivery";
import type { WebhookTarget } from "@/lib/readiness/webhook-payload";
import type { StoreDb } from "@/lib/store/db";
import { alertBody, type SloAlertEvent } from "./alert-event";

/**
 * Sends what the SLO alert ledger owes through the readiness webhooks and the one exactly-once
 * delivery loop (lib/notifications/outbox.ts): per webhook in transition order, so "resolved"
 * never arrives before the "firing" it ends.
 */

export type SloDeliveryOptions = { now?: () => number; send?: Send; backoffMs?: (failedAttempts: number) => number };
export type SloDeliveryRun = DeliveryRun;

type Row = {
  transition_id: string;
  webhook: string;
  status: string;
  attempts: number;
  next_attempt_at: number;
  claimed_until: number | null;
  payload: string;
};

function sloOutbox(db: StoreDb): Outbox<Row> {
  const row = (r: Row) =>
    db.updateTable("slo_alert_delivery").where("transition_id", "=", r.transition_id).where("webhook", "=", r.webhook);
  return {
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
    message: (r, target) => {
      const event = JSON.parse(r.payload) as SloAlertEvent;
      return Promise.resolve({ id: event.id, event: "slo.alert", body: alertBody(target.kind, event) });
    },
    nextAttemptAt: async () => {
      const waiting = await db
        .selectFrom("slo_alert_delivery")
        .select((eb) => eb.fn.min<number>("next_attempt_at").as("next"))
        .where("status", "=", "pending")
        .executeTakeFirst();
      return minOrNull(waiting?.next);
    },
    describe: (r) => `alert transition ${r.transition_id}`,
  };
}

/** The one function that sends SLO alerts to receivers; the leader's background work calls it. */
export function deliverSloAlerts(
  db: StoreDb,
  targets: readonly WebhookTarget[],
  opts: SloDeliveryOptions = {},
): Promise<SloDeliveryRun> {
  const send = opts.send ?? postWebhook;
  return deliverOutbox(sloOutbox(db), targets, {
    now: opts.now,
    backoffMs: opts.backoffMs,
    send: (t, body, id, event) => send(t, body, id, event),
    kind: "SLO alert",
  });
}
