import type { ChannelTarget } from "./channels";
import type { Send } from "./send";

/**
 * Webhook delivery from a store ledger, written once for every kind of notification (readiness
 * changes, Overview and golden-path changes, SLO alerts). Each kind keeps its own tables and hands
 * this loop an `Outbox` that reads and writes them.
 *
 * Each row is claimed with a compare-and-set before it is sent, so concurrent workers (or
 * replicas) never send the same row twice while its claim holds; a failure is retried with
 * exponential back-off up to the webhook's maxAttempts; per webhook strictly in order, so a
 * receiver never sees a change after the one that followed it. The claim is a lease covering the
 * rendering, the send (cut off at the webhook's timeout) and the settle; the settle is a
 * compare-and-set on the claim, so a worker whose lease ran out never overwrites the outcome of
 * the worker that took the row over.
 *
 * Delivery is at-least-once, not exactly-once: a receiver sees a message twice (with the same id)
 * when a worker died or stalled beyond its lease after sending, or when the receiver accepted a
 * message whose answer did not arrive within the timeout, or when an email's SMTP conversation
 * outlasted the timeout (it cannot be aborted; the retry has the same Message-ID). Receivers drop
 * repeats by the id.
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
  /** What the receiver answered (kept for the Notifications page), or null after a failure. */
  answer?: string | null;
  delivered_at?: number;
  last_error?: string | null;
  next_attempt_at?: number;
};
export type Message = { id: string; event: string; body: string };
/** The claim a worker holds on a row: the attempt it counted and until when it may send. */
export type Claim = { attempts: number; claimedUntil: number };

export interface Outbox<R extends OutboxRow> {
  /** Rows still owed (pending, or sending under a claim), oldest first. */
  open(): Promise<R[]>;
  /** Claims the row if it is still as read (status and attempts); true when this worker won it. */
  claim(row: R, claimedUntil: number): Promise<boolean>;
  /** Ends the claim with the outcome if this worker still holds it; false when another worker took the row over. */
  settle(row: R, claim: Claim, outcome: Settle): Promise<boolean>;
  /** What to send to this target; null when the change it belongs to is gone; throws when it cannot be rendered. */
  message(row: R, target: ChannelTarget): Promise<Message | null>;
  /** The earliest retry still waiting (for one channel, when given), if any. */
  nextAttemptAt(only?: string): Promise<number | null>;
  /** Names the row in a log line, e.g. "change 12". */
  describe(row: R): string;
}

export type { Send } from "./send";
export type DeliveryRun = { delivered: number; retrying: number; failed: number; nextAttemptAt: number | null };
export type OutboxOptions = {
  now?: () => number;
  send: Send;
  backoffMs?: (failedAttempts: number) => number;
  kind: string;
  /** Only one lane's rows (a slow receiver holds up no other channel); absent: every row. */
  lane?: Lane;
};

export const defaultBackoffMs = (n: number) => Math.min(300_000, 1_000 * 2 ** (n - 1));
/**
 * A claim outlives the send's own timeout by this much before another worker may retry it: the
 * rendering may take what is left of it after SETTLE_MS, the time kept for writing the outcome.
 */
export const LEASE_EXTRA_MS = 30_000;
const SETTLE_MS = 5_000;

export function describeSendError(err: unknown): string {
  if (err instanceof Error) {
    if (err.name === "TimeoutError") return "timed out";
    const cause = (err as Error & { cause?: { code?: string } }).cause?.code;
    return cause ? `${err.message} (${cause})` : err.message;
  }
  return String(err);
}

/** A stored change this code cannot turn into a message: retrying would fail the same way, so the row fails at once. */
export class Unrenderable extends Error {
  override name = "Unrenderable";
}

const inLane = (lane: Lane | undefined, webhook: string) =>
  !lane || ("only" in lane ? lane.only === webhook : !lane.except.includes(webhook));

/**
 * The send, given up at the webhook's timeout whether or not it honours the signal, so that no
 * send keeps its worker past the lease; the signal aborts the request itself where the channel
 * passes it on (HTTP).
 */
function sendWithin<T>(ms: number, send: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const signal = AbortSignal.timeout(ms);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener("abort", onAbort, { once: true });
    send(signal)
      .then(resolve, reject)
      .finally(() => signal.removeEventListener("abort", onAbort));
  });
}

type Step = "delivered" | "retrying" | "failed" | "lost";
type RowContext<R extends OutboxRow> = {
  outbox: Outbox<R>;
  opts: OutboxOptions;
  now: () => number;
  backoff: (failedAttempts: number) => number;
};

/** Claims, renders, sends and settles one row; "lost" when another worker holds or took over the row. */
async function deliverRow<R extends OutboxRow>(
  { outbox, opts, now, backoff }: RowContext<R>,
  row: R,
  target: ChannelTarget | undefined,
): Promise<Step> {
  const claimedAt = now();
  const claim: Claim = {
    attempts: row.attempts + 1,
    claimedUntil: claimedAt + (target?.timeoutMs ?? 0) + LEASE_EXTRA_MS,
  };
  if (!(await outbox.claim(row, claim.claimedUntil))) return "lost";
  const name = target?.name ?? target?.key ?? row.webhook;
  const settle = async (outcome: Settle, step: Step): Promise<Step> => {
    if (await outbox.settle(row, claim, outcome)) return step;
    console.error(
      `${opts.kind} webhook ${name}: ${outbox.describe(row)}: this worker's claim ran out and another worker took the row over; its outcome (${outcome.status}) is dropped`,
    );
    return "lost";
  };
  if (!target)
    return settle({ status: "failed", last_error: "the webhook is no longer in the staging config" }, "failed");
  try {
    const message = await outbox.message(row, target);
    if (!message) return settle({ status: "failed", last_error: "the change is no longer in the store" }, "failed");
    // A send started now must end, at its timeout, early enough to settle within the claim.
    if (claim.claimedUntil - SETTLE_MS - now() < target.timeoutMs)
      throw new Error(`rendering took ${now() - claimedAt} ms, too long to send within the claim`);
    const answer = await sendWithin(target.timeoutMs, (signal) =>
      opts.send(target, message.body, message.id, message.event, signal),
    );
    return settle({ status: "delivered", delivered_at: now(), last_error: null, answer }, "delivered");
  } catch (err) {
    const attempts = claim.attempts;
    if (err instanceof Unrenderable || attempts >= target.maxAttempts) {
      const why = err instanceof Unrenderable ? `could not be rendered: ${err.message}` : describeSendError(err);
      console.error(`${opts.kind} webhook ${name}: ${outbox.describe(row)} failed after ${attempts} attempts: ${why}`);
      return settle({ status: "failed", last_error: why, answer: null }, "failed");
    }
    return settle(
      {
        status: "pending",
        last_error: describeSendError(err),
        answer: null,
        next_attempt_at: now() + backoff(attempts),
      },
      "retrying",
    );
  }
}

/** Sends what the outbox owes; returns what happened and when the next retry is due. */
export async function deliverOutbox<R extends OutboxRow>(
  outbox: Outbox<R>,
  targets: readonly ChannelTarget[],
  opts: OutboxOptions,
): Promise<DeliveryRun> {
  const now = opts.now ?? Date.now;
  const context: RowContext<R> = { outbox, opts, now, backoff: opts.backoffMs ?? defaultBackoffMs };
  const t0 = now();
  const open = await outbox.open();
  const isDue = (row: R) =>
    row.status === "pending" ? row.next_attempt_at <= t0 : row.claimed_until !== null && row.claimed_until < t0;
  const run: DeliveryRun = { delivered: 0, retrying: 0, failed: 0, nextAttemptAt: null };
  const byWebhook = new Map<string, R[]>();
  for (const row of open) {
    if (!inLane(opts.lane, row.webhook)) continue;
    byWebhook.set(row.webhook, [...(byWebhook.get(row.webhook) ?? []), row]);
  }

  await Promise.all(
    [...byWebhook].map(async ([key, rows]) => {
      const target = targets.find((t) => t.key === key);
      for (const row of rows) {
        // A later row waits while an earlier one is not due (being retried or claimed elsewhere).
        if (!isDue(row)) break;
        const step = await deliverRow(context, row, target);
        // Another worker has this channel's row: it goes on with the channel, in order.
        if (step === "lost") break;
        run[step]++;
        if (step === "retrying") break;
      }
    }),
  );
  // The lane of removed channels settles its rows at once: it never waits for a retry.
  run.nextAttemptAt = opts.lane && "except" in opts.lane ? null : await outbox.nextAttemptAt(opts.lane?.only);
  return run;
}

/** The minimum of a nullable aggregate as a number (drivers return strings for bigint). */
export function minOrNull(value: number | string | null | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** One process's delivery runner: one lane per channel, each one run at a time, a kick during a run runs once more after it, re-armed for the next retry. */
export interface DeliveryKicker {
  kick(): void;
  /** Drops the pending retries (the leader's step-down); runs in progress finish. */
  stop(): void;
}

/** Which rows a run looks at: one channel's, or those of channels no longer configured. */
export type Lane = { only: string } | { except: readonly string[] };

/**
 * Each channel gets its own lane, so a receiver that never answers (or answers 10 MB) delays
 * only its own messages: the others are sent on their own schedule. Rows of a channel that left
 * the config go through one more lane, which settles them as failed.
 */
export function deliveryKicker(
  label: string,
  channels: () => readonly string[],
  deliver: (lane: Lane) => Promise<DeliveryRun>,
): DeliveryKicker {
  const lanes = new Map<string, { kick(): void; stop(): void }>();
  const laneFor = (name: string, lane: () => Lane) => {
    let l = lanes.get(name);
    if (!l) {
      l = serialRunner(`${label} (${name})`, () => deliver(lane()));
      lanes.set(name, l);
    }
    return l;
  };
  return {
    kick() {
      let keys: readonly string[];
      try {
        keys = channels();
      } catch (err) {
        console.error(`${label} delivery failed`, err);
        return;
      }
      for (const key of keys) laneFor(key, () => ({ only: key })).kick();
      laneFor("*", () => ({ except: channels() })).kick();
    },
    stop() {
      for (const l of lanes.values()) l.stop();
    },
  };
}

function serialRunner(label: string, deliver: () => Promise<DeliveryRun>): DeliveryKicker {
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
