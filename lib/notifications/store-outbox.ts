import type { StoreDb } from "@/lib/store/db";
import type { StoreSchema } from "@/lib/store/schema";
import type { ChannelTarget } from "./channels";
import type { LedgerKind } from "./ledger-rows";
import {
  deliverOutbox,
  minOrNull,
  Unrenderable,
  type DeliveryRun,
  type Message,
  type Outbox,
  type Send,
  type Lane,
} from "./outbox";

/**
 * The one webhook delivery adapter over the one ledger (migration 0015, ./ledger-rows.ts): every
 * kind of notification (readiness changes, Overview and golden-path changes, SLO alerts) keeps
 * its delivery rows in `ledger_delivery`, keyed by its change and the channel and tagged with its
 * kind. This writes the open-rows read, the claim (compare-and-set on status and attempts), the
 * settle (compare-and-set on the claim: attempts and claimed_until) and the next-retry read once; a kind says only the order its receivers must see its
 * rows in and what to send for a stored change.
 */

type Row = StoreSchema["ledger_delivery"];

export interface StoreOutbox {
  /** Names the kind in log lines ("Readiness"). */
  kind: string;
  /** The kind's rows in the ledger; each kind keeps its own loop and lanes, as before the merge. */
  ledger: LedgerKind;
  /**
   * The order within a channel after the change's time: its number (one subject's changes, or
   * alert steps of one evaluation) or its id (reminders and the digest share a number with a change).
   */
  then: "seq" | "change_id";
  /** What to send for a stored change to this target; null when there is nothing to send it. */
  message(payload: unknown, target: ChannelTarget): Message | null;
  /** Names the row in a log line, e.g. "change 12". */
  describe(row: Row): string;
}

export type StoreDeliveryOptions = {
  now?: () => number;
  send: Send;
  lane?: Lane;
  /** Wait before attempt n+1 after n failed attempts. */
  backoffMs?: (failedAttempts: number) => number;
};

/** A kind's delivery options whose send defaults to this process's (every channel kind; JSON and Slack signed). */
export type DefaultSendOptions = Omit<StoreDeliveryOptions, "send"> & Partial<Pick<StoreDeliveryOptions, "send">>;

/**
 * The `message` of a kind whose stored change is one event with an id: sent as `event`, its body
 * written for the target's channel kind.
 */
export function eventMessage<E extends { id: string }>(
  event: string,
  body: (kind: ChannelTarget["kind"], stored: E) => string,
): StoreOutbox["message"] {
  return (stored, target) => {
    const e = stored as E;
    return { id: e.id, event, body: body(target.kind, e) };
  };
}

/** The stored payload as this kind's message; Unrenderable when this code cannot make one of it (a retry would fail alike). */
function render(spec: StoreOutbox, payload: string, target: ChannelTarget): Message {
  let message: Message | null;
  try {
    message = spec.message(JSON.parse(payload), target);
  } catch (err) {
    throw new Unrenderable(err instanceof Error ? err.message : String(err));
  }
  if (!message) throw new Unrenderable(`nothing to send to a ${target.kind} channel for it`);
  return message;
}

function outboxOf(db: StoreDb, spec: StoreOutbox): Outbox<Row> {
  const row = (r: Row) =>
    db.updateTable("ledger_delivery").where("change_id", "=", r.change_id).where("webhook", "=", r.webhook);
  return {
    open: () =>
      db
        .selectFrom("ledger_delivery")
        .selectAll()
        .where("kind", "=", spec.ledger)
        .where("status", "in", ["pending", "sending"])
        .orderBy("at")
        .orderBy(spec.then)
        .orderBy("change_id")
        .execute(),
    claim: async (r, claimedUntil) => {
      const res = await row(r)
        .set({ status: "sending", attempts: r.attempts + 1, claimed_until: claimedUntil })
        .where("attempts", "=", r.attempts)
        .where("status", "=", r.status)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },
    settle: async (r, claim, outcome) => {
      const res = await row(r)
        .set({ ...outcome, claimed_until: null })
        .where("status", "=", "sending")
        .where("attempts", "=", claim.attempts)
        .where("claimed_until", "=", claim.claimedUntil)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },
    message: async (r, target) => {
      const change = await db
        .selectFrom("ledger_change")
        .select("payload")
        .where("id", "=", r.change_id)
        .executeTakeFirst();
      return change ? render(spec, change.payload, target) : null;
    },
    // The earliest moment a row may be taken: a pending row's retry, or the end of a claim held by
    // a worker that may have died (its lease running out re-arms the lane; no later change need come).
    nextAttemptAt: async (only) => {
      let q = db
        .selectFrom("ledger_delivery")
        .select((eb) => [
          eb.fn.min<number>(eb.case().when("status", "=", "pending").then(eb.ref("next_attempt_at")).end()).as("retry"),
          eb.fn.min<number>(eb.case().when("status", "=", "sending").then(eb.ref("claimed_until")).end()).as("lease"),
        ])
        .where("kind", "=", spec.ledger)
        .where("status", "in", ["pending", "sending"]);
      if (only !== undefined) q = q.where("webhook", "=", only);
      const waiting = await q.executeTakeFirst();
      const [retry, lease] = [minOrNull(waiting?.retry), minOrNull(waiting?.lease)];
      return retry === null ? lease : lease === null ? retry : Math.min(retry, lease);
    },
    describe: (r) => spec.describe(r),
  };
}

/** Sends what one kind's delivery table owes, through the one at-least-once loop (./outbox.ts). */
export function deliverFromStore(
  db: StoreDb,
  spec: StoreOutbox,
  targets: readonly ChannelTarget[],
  opts: StoreDeliveryOptions,
): Promise<DeliveryRun> {
  return deliverOutbox(outboxOf(db, spec), targets, { ...opts, kind: spec.kind });
}
