import type { Transaction } from "kysely";
import type { StoreDb } from "@/lib/store/db";
import type { StoreSchema } from "@/lib/store/schema";

/**
 * The rows of the one ledger (migration 0015): a state per subject, its numbered changes, one
 * delivery row per change and channel. Every kind writes through these, so the compare-and-set,
 * the change row and the delivery rows are spelt once; what a kind decides (a verdict, an alert's
 * step) stays with it (./ledger.ts for state changes, lib/slo/ledger.ts for alert steps).
 */

/** Who owns a row: Overview, probe, rehearsal, change alerts and the digest; the readiness verdict; SLO alert rules. */
export type LedgerKind = "notification" | "readiness" | "slo";
export type LedgerStateRow = StoreSchema["ledger_state"];
export type StateValues = Omit<LedgerStateRow, "subject" | "kind">;
export type ChangeRow = Omit<StoreSchema["ledger_change"], "kind">;
/** A delivery row as the plan makes it (./plan.ts), before it is tied to its change. */
export type PlannedDelivery = Pick<
  StoreSchema["ledger_delivery"],
  "webhook" | "status" | "attempts" | "next_attempt_at" | "claimed_until" | "delivered_at" | "last_error"
> & { remind_every_ms?: number | null };

const ATTEMPTS = 8;

/** A delivery owed from `at` on, not tried yet (a channel: add `webhook`). */
export const pendingDelivery = (at: number) => ({
  status: "pending",
  attempts: 0,
  next_attempt_at: at,
  claimed_until: null,
  delivered_at: null,
  last_error: null,
  remind_every_ms: null,
});

export function readState(db: StoreDb, subject: string): Promise<LedgerStateRow | undefined> {
  return db.selectFrom("ledger_state").selectAll().where("subject", "=", subject).executeTakeFirst();
}

/** Moves a subject's last check forward (never back): the state was seen again, unchanged. */
export async function touchChecked(db: StoreDb, subject: string, checkedAt: number): Promise<void> {
  await db
    .updateTable("ledger_state")
    .set({ checked_at: checkedAt })
    .where("subject", "=", subject)
    .where("checked_at", "<", checkedAt)
    .execute();
}

/**
 * The compare-and-set: writes the subject's state only when it is still the row `read` (the same
 * `seq`; absent: nobody has written one yet) and, when `notAfter` is given, last checked no later
 * than it. True when this writer won; false when another one wrote first.
 */
export async function writeState(
  trx: Transaction<StoreSchema>,
  kind: LedgerKind,
  subject: string,
  read: LedgerStateRow | undefined,
  values: StateValues,
  notAfter?: number,
): Promise<boolean> {
  if (read) {
    let q = trx.updateTable("ledger_state").set(values).where("subject", "=", subject).where("seq", "=", read.seq);
    if (notAfter !== undefined) q = q.where("checked_at", "<=", notAfter);
    return Number((await q.executeTakeFirst()).numUpdatedRows) === 1;
  }
  const r = await trx
    .insertInto("ledger_state")
    .values({ subject, kind, ...values })
    .onConflict((oc) => oc.column("subject").doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Adds a change; with `ifNew` an id already recorded is left as it is (false), for writers that may race on one id. */
export async function insertChange(
  trx: Transaction<StoreSchema>,
  kind: LedgerKind,
  change: ChangeRow,
  ifNew = false,
): Promise<boolean> {
  const q = trx.insertInto("ledger_change").values({ kind, ...change });
  const r = await (ifNew ? q.onConflict((oc) => oc.column("id").doNothing()) : q).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 1) === 1;
}

/**
 * Ties planned deliveries to their change (its time and number order the outbox). With `ifNew`
 * a (change, channel) already owed is left alone; returns the channels this call added.
 */
export async function insertDeliveries(
  trx: Transaction<StoreSchema>,
  kind: LedgerKind,
  change: { id: string; at: number; seq: number },
  rows: readonly PlannedDelivery[],
  ifNew = false,
): Promise<string[]> {
  const added: string[] = [];
  if (!rows.length) return added;
  const values = rows.map((r) => ({
    remind_every_ms: null,
    ...r,
    change_id: change.id,
    kind,
    at: change.at,
    seq: change.seq,
    answer: null,
  }));
  if (!ifNew) {
    await trx.insertInto("ledger_delivery").values(values).execute();
    return rows.map((r) => r.webhook);
  }
  for (const v of values) {
    const r = await trx
      .insertInto("ledger_delivery")
      .values(v)
      .onConflict((oc) => oc.columns(["change_id", "webhook"]).doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) === 1) added.push(v.webhook);
  }
  return added;
}

/** Runs one read-decide-write attempt until it wins or has nothing to write (undefined: lost a race, read again). */
export async function untilWon<T>(what: string, attempt: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < ATTEMPTS; i++) {
    const result = await attempt();
    if (result !== undefined) return result;
  }
  throw new Error(`${what} could not be recorded: the store kept changing under it.`);
}
