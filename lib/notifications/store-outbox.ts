import type { StoreDb } from "@/lib/store/db";
import type { ChannelTarget } from "./channels";
import {
  deliverOutbox,
  minOrNull,
  type DeliveryRun,
  type Message,
  type Outbox,
  type OutboxRow,
  type Send,
  type Lane,
} from "./outbox";

/**
 * The one webhook delivery adapter over the store: every kind of notification (readiness
 * changes, Overview and golden-path changes, SLO alerts) keeps its delivery rows in a table of
 * the same columns, keyed by its change and the webhook. This writes the claim (compare-and-set
 * on status and attempts), the settle and the next-retry read once; a kind says only which rows
 * are owed, in which order, and what to send.
 */

type DeliveryTables = "notification_delivery" | "readiness_delivery" | "slo_alert_delivery";

export interface StoreOutbox<R extends OutboxRow> {
  kind: string;
  table: DeliveryTables;
  /** The row's change: its key column in `table` and the value a row holds there. */
  key: { column: "change_id" | "change_seq" | "transition_id"; of: (row: R) => string | number };
  /** Rows still owed (pending, or sending under a claim), in the order receivers must see them. */
  open(): Promise<R[]>;
  /** What to send to this target; null when the change is gone from the store. */
  message(row: R, target: ChannelTarget): Promise<Message | null>;
  /** Names the row in a log line, e.g. "change 12". */
  describe(row: R): string;
}

export type StoreDeliveryOptions = {
  now?: () => number;
  send: Send;
  lane?: Lane;
  /** Wait before attempt n+1 after n failed attempts. */
  backoffMs?: (failedAttempts: number) => number;
};

function outboxOf<R extends OutboxRow>(db: StoreDb, spec: StoreOutbox<R>): Outbox<R> {
  // Built over the union of the delivery tables: the columns below are in each of them.
  const row = (r: R) =>
    db.updateTable(spec.table).where(spec.key.column, "=", spec.key.of(r)).where("webhook", "=", r.webhook);
  return {
    open: () => spec.open(),
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
    message: (r, target) => spec.message(r, target),
    nextAttemptAt: async (only) => {
      let q = db
        .selectFrom(spec.table)
        .select((eb) => eb.fn.min<number>("next_attempt_at").as("next"))
        .where("status", "=", "pending");
      if (only !== undefined) q = q.where("webhook", "=", only);
      const waiting = await q.executeTakeFirst();
      return minOrNull(waiting?.next);
    },
    describe: (r) => spec.describe(r),
  };
}

/** Sends what one kind's delivery table owes, through the one exactly-once loop (./outbox.ts). */
export function deliverFromStore<R extends OutboxRow>(
  db: StoreDb,
  spec: StoreOutbox<R>,
  targets: readonly ChannelTarget[],
  opts: StoreDeliveryOptions,
): Promise<DeliveryRun> {
  return deliverOutbox(outboxOf(db, spec), targets, { ...opts, kind: spec.kind });
}
