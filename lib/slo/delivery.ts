import { defaultBackoffMs, describeSendError, postWebhook, type Send } from "@/lib/readiness/delivery";
import type { WebhookTarget } from "@/lib/readiness/webhook-payload";
import type { StoreDb } from "@/lib/store/db";
import { alertBody, type SloAlertEvent } from "./alert-event";

/**
 * Sends what the alert ledger owes, through the readiness webhooks. Each row is claimed by a
 * compare-and-set before it is sent, so concurrent workers (or replicas) never send the same
 * transition twice; failures are retried with back-off up to the webhook's maxAttempts. Per
 * webhook strictly in order, so "resolved" never arrives before the "firing" it ends.
 *
 * This is the one function that talks to receivers: a leader gate wraps it whole.
 */

export type SloDeliveryOptions = { now?: () => number; send?: Send; backoffMs?: (failedAttempts: number) => number };
export type SloDeliveryRun = { delivered: number; retrying: number; failed: number; nextAttemptAt: number | null };

const LEASE_EXTRA_MS = 30_000;

export async function deliverSloAlerts(db: StoreDb, targets: readonly WebhookTarget[], opts: SloDeliveryOptions = {}): Promise<SloDeliveryRun> {
  const now = opts.now ?? Date.now;
  const send = opts.send ?? postWebhook;
  const backoff = opts.backoffMs ?? defaultBackoffMs;
  const t0 = now();
  const open = await db
    .selectFrom("slo_alert_delivery")
    .innerJoin("slo_alert_transition", "slo_alert_transition.id", "slo_alert_delivery.transition_id")
    .selectAll("slo_alert_delivery")
    .select(["slo_alert_transition.at", "slo_alert_transition.payload"])
    .where("slo_alert_delivery.status", "in", ["pending", "sending"])
    .orderBy("slo_alert_transition.at")
    .orderBy("slo_alert_transition.seq")
    .execute();
  const isDue = (r: (typeof open)[number]) => (r.status === "pending" ? r.next_attempt_at <= t0 : r.claimed_until !== null && r.claimed_until < t0);

  const run: SloDeliveryRun = { delivered: 0, retrying: 0, failed: 0, nextAttemptAt: null };
  const byWebhook = new Map<string, typeof open>();
  for (const r of open) byWebhook.set(r.webhook, [...(byWebhook.get(r.webhook) ?? []), r]);

  await Promise.all(
    [...byWebhook].map(async ([key, rows]) => {
      const target = targets.find((t) => t.key === key);
      for (const row of rows) {
        if (!isDue(row)) break;
        const claim = await db
          .updateTable("slo_alert_delivery")
          .set({ status: "sending", attempts: row.attempts + 1, claimed_until: now() + (target?.timeoutMs ?? 0) + LEASE_EXTRA_MS })
          .where("transition_id", "=", row.transition_id)
          .where("webhook", "=", row.webhook)
          .where("attempts", "=", row.attempts)
          .where("status", "=", row.status)
          .executeTakeFirst();
        if (Number(claim.numUpdatedRows) !== 1) break; // another worker holds this webhook's queue
        const done = (set: { status: string; delivered_at?: number; last_error?: string | null; next_attempt_at?: number }) =>
          db.updateTable("slo_alert_delivery").set({ ...set, claimed_until: null }).where("transition_id", "=", row.transition_id).where("webhook", "=", row.webhook).execute();
        if (!target) {
          await done({ status: "failed", last_error: "the webhook is no longer in the staging config" });
          run.failed++;
          continue;
        }
        const event = JSON.parse(row.payload) as SloAlertEvent;
        try {
          await send(target, alertBody(target.kind, event), event.id, "slo.alert");
          await done({ status: "delivered", delivered_at: now(), last_error: null });
          run.delivered++;
        } catch (err) {
          const attempts = row.attempts + 1;
          if (attempts >= target.maxAttempts) {
            await done({ status: "failed", last_error: describeSendError(err) });
            run.failed++;
            continue;
          }
          await done({ status: "pending", last_error: describeSendError(err), next_attempt_at: now() + backoff(attempts) });
          run.retrying++;
          break;
        }
      }
    }),
  );
  const waiting = await db
    .selectFrom("slo_alert_delivery")
    .select((eb) => eb.fn.min<number>("next_attempt_at").as("next"))
    .where("status", "=", "pending")
    .executeTakeFirst();
  run.nextAttemptAt = waiting?.next === null || waiting?.next === undefined ? null : Number(waiting.next);
  return run;
}
