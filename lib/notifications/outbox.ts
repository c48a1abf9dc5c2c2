import type { WebhookTarget } from "@/lib/readiness/webhook-payload";

/**
 * Exactly-once webhook delivery from a store ledger, written once for every kind of notification
 * (readiness changes, Overview and golden-path changes, SLO alerts). Each kind keeps its own
 * tables and hands this loop an `Outbox` that reads and writes them.
 *
 * Each row is claimed with a compare-and-set before it is sent, so concurrent workers (or
 * replicas) never send the same row twice; a failure is retried with exponential back-off up to
 * the webhook's maxAttempts; per webhook strictly in order, so a receiver never sees a change
 * after the one that followed it. A worker that dies mid-send leaves a claim that expires; the
 * row is then sent again with the same id — the only case a receiver sees one twice.
 */

/** One delivery row: a change (or alert transition) for one webhook. */
export interface OutboxRow {
  webhook: string;
  status: string;
  attempts: number;
  next_attempt_at: number;
  claimed_until: number | null;
}

export type Settle = {
  status: "delivered" | "failed" | "pending";
  delivered_at?: number;
  last_error?: string | null;
  next_attempt_at?: number;
};
export type Message = { id: string; event: string; body: string };

export interface Outbox<R extends OutboxRow> {
  /** Rows still owed (pending, or sending under a claim), oldest first. */
  open(): Promise<R[]>;
  /** Claims the row if it is still as read (status and attempts); true when this worker won it. */
  claim(row: R, claimedUntil: number): Promise<boolean>;
  /** Ends the claim with the outcome. */
  settle(row: R, outcome: Settle): Promise<void>;
  /** What to send to this target; null when the change it belongs to is gone. */
  message(row: R, target: WebhookTarget): Promise<Message | null>;
  /** The earliest retry still waiting, if any. */
  nextAttemptAt(): Promise<number | null>;
  /** Names the row in a log line, e.g. "change 12". */
  describe(row: R): string;
}

export type Send = (target: WebhookTarget, body: string, id: string, event: string) => Promise<void>;
export type DeliveryRun = { delivered: number; retrying: number; failed: number; nextAttemptAt: number | null };
export type OutboxOptions = {
  now?: () => number;
  send: Send;
  backoffMs?: (failedAttempts: number) => number;
  kind: string;
};

export const defaultBackoffMs = (n: number) => Math.min(300_000, 1_000 * 2 ** (n - 1));
/** A claim outlives the send's own timeout by this much before another worker may retry it. */
const LEASE_EXTRA_MS = 30_000;

export function describeSendError(err: unknown): string {
  if (err instanceof Error) {
    if (err.name === "TimeoutError") return "timed out";
    const cause = (err as Error & { cause?: { code?: string } }).cause?.code;
    return cause ? `${err.message} (${cause})` : err.message;
  }
  return String(err);
}

/** Sends what the outbox owes; returns what happened and when the next retry is due. */
export async function deliverOutbox<R extends OutboxRow>(
  outbox: Outbox<R>,
  targets: readonly WebhookTarget[],
  opts: OutboxOptions,
): Promise<DeliveryRun> {
  const now = opts.now ?? Date.now;
  const backoff = opts.backoffMs ?? defaultBackoffMs;
  const t0 = now();
  const open = await outbox.open();
  const isDue = (row: R) =>
    row.status === "pending" ? row.next_attempt_at <= t0 : row.claimed_until !== null && row.claimed_until < t0;
  const run: DeliveryRun = { delivered: 0, retrying: 0, failed: 0, nextAttemptAt: null };
  const byWebhook = new Map<string, R[]>();
  for (const row of open) byWebhook.set(row.webhook, [...(byWebhook.get(row.webhook) ?? []), row]);

  await Promise.all(
    [...byWebhook].map(async ([key, rows]) => {
      const target = targets.find((t) => t.key === key);
      for (const row of rows) {
        // A later row waits while an earlier one is not due (being retried or claimed elsewhere).
        if (!isDue(row)) break;
        if (!(await outbox.claim(row, now() + (target?.timeoutMs ?? 0) + LEASE_EXTRA_MS))) break;
        const message = target ? await outbox.message(row, target) : null;
        if (!target || !message) {
          await outbox.settle(row, {
            status: "failed",
            last_error: target
              ? "the change is no longer in the store"
              : "the webhook is no longer in the staging config",
          });
          run.failed++;
          continue;
        }
        try {
          await opts.send(target, message.body, message.id, message.event);
          await outbox.settle(row, { status: "delivered", delivered_at: now(), last_error: null });
          run.delivered++;
        } catch (err) {
          const attempts = row.attempts + 1;
          if (attempts >= target.maxAttempts) {
            await outbox.settle(row, { status: "failed", last_error: describeSendError(err) });
            run.failed++;
            console.error(
              `${opts.kind} webhook ${target.name ?? target.key}: ${outbox.describe(row)} failed after ${attempts} attempts: ${describeSendError(err)}`,
            );
            continue;
          }
          await outbox.settle(row, {
            status: "pending",
            last_error: describeSendError(err),
            next_attempt_at: now() + backoff(attempts),
          });
          run.retrying++;
          break;
        }
      }
    }),
  );
  run.nextAttemptAt = await outbox.nextAttemptAt();
  return run;
}

/** The minimum of a nullable aggregate as a number (drivers return strings for bigint). */
export function minOrNull(value: number | string | null | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** One process's delivery runner: one run at a time, a kick during a run runs once more after it, re-armed for the next retry. */
export interface DeliveryKicker {
  kick(): void;
  /** Drops the pending retry (the leader's step-down); a run in progress finishes. */
  stop(): void;
}

export function deliveryKicker(label: string, deliver: () => Promise<DeliveryRun>): DeliveryKicker {
  let delivering: Promise<void> | undefined;
  let again = false;
  let retry: NodeJS.Timeout | undefined;
  const kicker: DeliveryKicker = {
    kick() {
      if (delivering) {
        again = true;
        return;
      }
      delivering = (async () => {
        do {
          again = false;
          const result = await deliver();
          if (retry) clearTimeout(retry);
          retry = undefined;
          if (result.nextAttemptAt !== null) {
            retry = setTimeout(() => kicker.kick(), Math.max(0, result.nextAttemptAt - Date.now()) + 50);
            retry.unref();
          }
        } while (again);
      })()
        .catch((err: unknown) => console.error(`${label} delivery failed`, err))
        .finally(() => {
          delivering = undefined;
        });
    },
    stop() {
      if (retry) clearTimeout(retry);
      retry = undefined;
    },
  };
  return kicker;
}
