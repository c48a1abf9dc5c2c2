import type { WebhookTarget } from "@/lib/readiness/webhook-payload";
import type { StoreDb } from "@/lib/store/db";
import { bodyFor, type NotificationEvent } from "./events";
import { postSigned } from "./post";

/**
 * The one place notifications leave the process (a leader gate belongs here). Each delivery row
 * is claimed with a compare-and-set before it is sent, so concurrent workers never send the same
 * row twice; failures are retried with exponential back-off up to the webhook's maxAttempts, per
 * webhook strictly in change order. A worker that dies mid-send leaves a claim that expires; the
 * row is then sent again with the same `webhook-id` — the only case a receiver sees one twice.
 */

export type Send = (target: WebhookTarget, body: string, id: string, event: NotificationEvent["event"]) => Promise<void>;

export type DeliveryOptions = { now?: () => number; send: Send; backoffMs?: (failedAttempts: number) => number };

export const signedSend = (secret: string | undefined): Send => (target, body, id, event) => postSigned(target, body, id, event, secret);

const backoffDefault = (n: number) => Math.min(300_000, 1_000 * 2 ** (n - 1));
const LEASE_EXTRA_MS = 30_000;

function describe(err: unknown): string {
  if (err instanceof Error) return err.name === "TimeoutError" ? "timed out" : err.message;
  return String(err);
}

export type DeliveryRun = { delivered: number; retrying: number; failed: number; nextAttemptAt: number | null };

export async function deliverNotifications(db: StoreDb, targets: readonly WebhookTarget[], opts: DeliveryOptions): Promise<DeliveryRun> {
  const now = opts.now ?? Date.now;
  const backoff = opts.backoffMs ?? backoffDefault;
  const t0 = now();
  const open = await db.selectFrom("notification_delivery").selectAll().where("status", "in", ["pending", "sending"]).orderBy("at").orderBy("change_id").execute();
  const isDue = (row: (typeof open)[number]) => (row.status === "pending" ? row.next_attempt_at <= t0 : row.claimed_until !== null && row.claimed_until < t0);
  const run: DeliveryRun = { delivered: 0, retrying: 0, failed: 0, nextAttemptAt: null };
  const byWebhook = new Map<string, typeof open>();
  for (const row of open) byWebhook.set(row.webhook, [...(byWebhook.get(row.webhook) ?? []), row]);

  await Promise.all(
    [...byWebhook].map(async ([key, rows]) => {
      const target = targets.find((t) => t.key === key);
      for (const row of rows) {
        if (!isDue(row)) break;
        const claim = await db
          .updateTable("notification_delivery")
          .set({ status: "sending", attempts: row.attempts + 1, claimed_until: now() + (target?.timeoutMs ?? 0) + LEASE_EXTRA_MS })
          .where("change_id", "=", row.change_id)
          .where("webhook", "=", row.webhook)
          .where("attempts", "=", row.attempts)
          .where("status", "=", row.status)
          .executeTakeFirst();
        if (Number(claim.numUpdatedRows) !== 1) break; // another worker has this webhook's queue
        const done = (set: { status: string; delivered_at?: number; last_error?: string | null; next_attempt_at?: number }) =>
          db.updateTable("notification_delivery").set({ ...set, claimed_until: null }).where("change_id", "=", row.change_id).where("webhook", "=", row.webhook).execute();
        const change = target ? await db.selectFrom("notification_change").select("payload").where("id", "=", row.change_id).executeTakeFirst() : undefined;
        if (!target || !change) {
          await done({ status: "failed", last_error: target ? "the change is no longer in the store" : "the webhook is no longer in the staging config" });
          run.failed++;
          continue;
        }
        const event = JSON.parse(change.payload) as NotificationEvent;
        try {
          await opts.send(target, bodyFor(target.kind, event), event.id, event.event);
          await done({ status: "delivered", delivered_at: now(), last_error: null });
          run.delivered++;
        } catch (err) {
          const attempts = row.attempts + 1;
          if (attempts >= target.maxAttempts) {
            await done({ status: "failed", last_error: describe(err) });
            run.failed++;
            console.error(`Notification webhook ${target.name ?? target.key}: ${row.change_id} failed after ${attempts} attempts: ${describe(err)}`);
            continue;
          }
          await done({ status: "pending", last_error: describe(err), next_attempt_at: now() + backoff(attempts) });
          run.retrying++;
          break;
        }
      }
    }),
  );
  const waiting = await db
    .selectFrom("notification_delivery")
    .select((eb) => eb.fn.min<number>("next_attempt_at").as("next"))
    .where("status", "=", "pending")
    .executeTakeFirst();
  run.nextAttemptAt = waiting?.next === null || waiting?.next === undefined ? null : Number(waiting.next);
  return run;
}
