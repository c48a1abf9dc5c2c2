import { postSigned } from "@/lib/notifications/post";
import { webhookSecret } from "@/lib/notifications/secret";
import type { StoreDb } from "@/lib/store/db";
import { bodyFor, type ChangeEvent, type WebhookTarget } from "./webhook-payload";

/**
 * Sends what the ledger owes. Each delivery row is claimed with a compare-and-set before it is
 * sent, so concurrent workers never send the same row twice; a failure is retried with
 * exponential back-off until the webhook's maxAttempts. A worker that dies mid-send leaves a
 * claim that expires after the lease; the row is then sent again with the same event id
 * (the receiver's way to drop the repeat) — the only case a receiver can see one twice.
 */

/** `event` names the kind of notification (`x-stagewatch-event`); SLO alerts share this channel. */
export type Send = (target: WebhookTarget, body: string, deliveryId: string, event?: string) => Promise<void>;

export interface DeliveryOptions {
  now?: () => number;
  send?: Send;
  /** Wait before attempt n+1 after n failed attempts. */
  backoffMs?: (failedAttempts: number) => number;
}

export const defaultBackoffMs = (n: number) => Math.min(300_000, 1_000 * 2 ** (n - 1));

/** A POST with the webhook's timeout, signed the Standard Webhooks way (lib/notifications/post.ts). */
export const postWebhook: Send = (target, body, deliveryId, event = "readiness.changed") => postSigned(target, body, deliveryId, event, webhookSecret());

export function describeSendError(err: unknown): string {
  if (err instanceof Error) {
    if (err.name === "TimeoutError") return "timed out";
    const cause = (err as Error & { cause?: { code?: string } }).cause?.code;
    return cause ? `${err.message} (${cause})` : err.message;
  }
  return String(err);
}

export interface DeliveryRun {
  delivered: number;
  retrying: number;
  failed: number;
  /** When the next retry is due, if any delivery is waiting for one. */
  nextAttemptAt: number | null;
}

const LEASE_EXTRA_MS = 30_000;

export async function deliverDue(db: StoreDb, targets: readonly WebhookTarget[], opts: DeliveryOptions = {}): Promise<DeliveryRun> {
  const now = opts.now ?? Date.now;
  const send = opts.send ?? postWebhook;
  const backoff = opts.backoffMs ?? defaultBackoffMs;
  const t0 = now();
  const open = await db
    .selectFrom("readiness_delivery")
    .selectAll()
    .where("status", "in", ["pending", "sending"])
    .orderBy("change_seq")
    .execute();
  const isDue = (row: (typeof open)[number]) =>
    row.status === "pending" ? row.next_attempt_at <= t0 : row.claimed_until !== null && row.claimed_until < t0;

  const run: DeliveryRun = { delivered: 0, retrying: 0, failed: 0, nextAttemptAt: null };
  // Per webhook strictly in change order: a later change waits while an earlier one is still
  // being retried, so a receiver never sees "GO" after the "NO-GO" that followed it.
  const byWebhook = new Map<string, typeof open>();
  for (const row of open) byWebhook.set(row.webhook, [...(byWebhook.get(row.webhook) ?? []), row]);

  await Promise.all(
    [...byWebhook].map(async ([key, rows]) => {
      const target = targets.find((t) => t.key === key);
      for (const row of rows) {
        if (!isDue(row)) break;
        const claimedAt = now();
        const claim = await db
          .updateTable("readiness_delivery")
          .set({ status: "sending", attempts: row.attempts + 1, claimed_until: claimedAt + (target?.timeoutMs ?? 0) + LEASE_EXTRA_MS })
          .where("change_seq", "=", row.change_seq)
          .where("webhook", "=", row.webhook)
          .where("attempts", "=", row.attempts)
          .where("status", "=", row.status)
          .executeTakeFirst();
        if (Number(claim.numUpdatedRows) !== 1) break; // another worker has this webhook's queue
        const where = { change_seq: row.change_seq, webhook: row.webhook };
        const done = (set: { status: string; delivered_at?: number; last_error?: string | null; next_attempt_at?: number }) =>
          db.updateTable("readiness_delivery").set({ ...set, claimed_until: null }).where("change_seq", "=", where.change_seq).where("webhook", "=", where.webhook).execute();
        if (!target) {
          await done({ status: "failed", last_error: "the webhook is no longer in the staging config" });
          run.failed++;
          continue;
        }
        const change = await db.selectFrom("readiness_change").select("payload").where("seq", "=", row.change_seq).executeTakeFirst();
        if (!change) {
          await done({ status: "failed", last_error: "the change is no longer in the store" });
          run.failed++;
          continue;
        }
        const event = JSON.parse(change.payload) as ChangeEvent;
        try {
          await send(target, bodyFor(target.kind, event), event.id);
          await done({ status: "delivered", delivered_at: now(), last_error: null });
          run.delivered++;
        } catch (err) {
          const attempts = row.attempts + 1;
          if (attempts >= target.maxAttempts) {
            await done({ status: "failed", last_error: describeSendError(err) });
            run.failed++;
            console.error(`Readiness webhook ${target.name ?? target.key}: change ${row.change_seq} failed after ${attempts} attempts: ${describeSendError(err)}`);
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
    .selectFrom("readiness_delivery")
    .select((eb) => eb.fn.min<number>("next_attempt_at").as("next"))
    .where("status", "=", "pending")
    .executeTakeFirst();
  run.nextAttemptAt = waiting?.next === null || waiting?.next === undefined ? null : Number(waiting.next);
  return run;
}
