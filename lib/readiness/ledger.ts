import type { Verdict } from "@/lib/health/readiness";
import { appendChange } from "@/lib/store/change-feed";
import type { StoreDb } from "@/lib/store/db";
import { checkedHours, markChecked } from "@/lib/store/watch-coverage";
import { audienceOf, type Audience } from "@/lib/notifications/audience";
import { deliveryRows, type DeliveryPlan } from "@/lib/notifications/plan";
import type { StateHistory } from "@/lib/health/notifications/digest";
import type { ReadinessChangeView } from "./types";
import { READINESS_SUBJECT } from "./webhook-payload";

/**
 * The verdict ledger: the current verdict, numbered changes and the deliveries they owe.
 *
 * A change is recorded by a compare-and-set on `readiness_state.seq`, in the same transaction
 * as the change row and its delivery rows. Of any number of evaluations that see the same
 * change at once — in this process or another one on the same store — exactly one wins the
 * update; the others find the verdict already recorded. An evaluation older than the one
 * recorded last is ignored, so a slow evaluation cannot flip the verdict back.
 * The same transaction appends the change to the feed `/api/stream` follows (decision 0027).
 *
 * Maintenance: a change seen while `held` is recorded (and goes to the feed); routing sends it
 * only to channels with `duringMaintenance` (the others get held rows), `announced` keeps the
 * verdict the held channels last heard, and the first evaluation after the window that differs
 * from it owes them one message, even when the verdict itself did not change (as
 * lib/notifications/ledger.ts, whose ./audience.ts decides who is owed it).
 */

const CURRENT = "current";
const ATTEMPTS = 8;

export interface Recorded {
  /** The number of the change this evaluation recorded, or null when it changed nothing. */
  change: number | null;
  verdict: Verdict;
  since: number;
}

export interface RecordInput {
  verdict: Verdict;
  checkedAt: number;
  /**
   * Where a change goes, decided from the verdict people last heard (lib/notifications/plan.ts),
   * to whom after a window (lib/notifications/audience.ts).
   */
  plan: (previous: Verdict | null, audience: Audience) => DeliveryPlan;
  /** The event to store with a change (and send to every channel); `previous` is the verdict people last heard of. */
  payload: (seq: number, previous: Verdict | null) => unknown;
  /** The words the change feed carries to roles that may see them (none when left out). */
  reasons?: readonly string[];
  /** All of staging is in a maintenance window now (routing holds the channels through `plan`). */
  held?: boolean;
}

const asVerdict = (v: string): Verdict => (v === "GO" || v === "NO-GO" ? v : "CAUTION");

export async function recordVerdict(db: StoreDb, input: RecordInput): Promise<Recorded> {
  await markChecked(db, READINESS_SUBJECT, input.checkedAt);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const row = await db.selectFrom("readiness_state").selectAll().where("id", "=", CURRENT).executeTakeFirst();
    const held = input.held === true;
    const announced = row ? row.announced : null;
    const owed = !held && announced !== input.verdict;
    if (row && (row.checked_at > input.checkedAt || (row.verdict === input.verdict && !owed))) {
      if (row.verdict === input.verdict && row.checked_at < input.checkedAt) {
        await db
          .updateTable("readiness_state")
          .set({ checked_at: input.checkedAt })
          .where("id", "=", CURRENT)
          .where("checked_at", "<", input.checkedAt)
          .execute();
      }
      return { change: null, verdict: asVerdict(row.verdict), since: row.since };
    }
    const seq = (row?.seq ?? 0) + 1;
    const previous = row ? asVerdict(row.verdict) : null;
    const { audience, heard: told } = audienceOf(held, previous, announced, input.verdict);
    const heard = told === null ? null : asVerdict(told);
    const since = row && row.verdict === input.verdict ? row.since : input.checkedAt;
    const nowAnnounced = held ? announced : input.verdict;
    const won = await db.transaction().execute(async (trx) => {
      if (row) {
        const r = await trx
          .updateTable("readiness_state")
          .set({ verdict: input.verdict, since, seq, checked_at: input.checkedAt, announced: nowAnnounced })
          .where("id", "=", CURRENT)
          .where("seq", "=", row.seq)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) return false;
      } else {
        const r = await trx
          .insertInto("readiness_state")
          .values({
            id: CURRENT,
            verdict: input.verdict,
            since,
            seq,
            checked_at: input.checkedAt,
            announced: nowAnnounced,
          })
          .onConflict((oc) => oc.column("id").doNothing())
          .executeTakeFirst();
        if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
      }
      await trx
        .insertInto("readiness_change")
        .values({
          seq,
          from_verdict: previous,
          to_verdict: input.verdict,
          at: input.checkedAt,
          payload: JSON.stringify(input.payload(seq, heard)),
        })
        .execute();
      // The feed shows what happened, maintenance or not; a catch-up announcement is no change.
      if (previous !== input.verdict) {
        await appendChange(trx, {
          at: input.checkedAt,
          kind: "readiness",
          subject: "readiness",
          from: previous,
          to: input.verdict,
          detail: JSON.stringify({ reasons: input.reasons ?? [], likelyCause: null }),
        });
      }
      const rows = deliveryRows(input.plan(heard, audience), input.checkedAt);
      if (rows.length) {
        await trx
          .insertInto("readiness_delivery")
          .values(rows.map((r) => ({ ...r, change_seq: seq })))
          .execute();
      }
      return true;
    });
    if (won) return { change: seq, verdict: input.verdict, since };
    // Someone else recorded a change between our read and our write: read again.
  }
  throw new Error("The readiness verdict could not be recorded: the store kept changing under it.");
}

export async function currentState(db: StoreDb): Promise<{ verdict: Verdict; since: number; seq: number } | null> {
  const row = await db.selectFrom("readiness_state").selectAll().where("id", "=", CURRENT).executeTakeFirst();
  return row ? { verdict: asVerdict(row.verdict), since: row.since, seq: row.seq } : null;
}

export async function recentChanges(db: StoreDb, limit: number): Promise<ReadinessChangeView[]> {
  const rows = await db
    .selectFrom("readiness_change")
    .select(["seq", "from_verdict", "to_verdict", "at"])
    .orderBy("seq", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    seq: r.seq,
    from: r.from_verdict === null ? null : asVerdict(r.from_verdict),
    to: asVerdict(r.to_verdict),
    at: new Date(r.at).toISOString(),
  }));
}

/** The verdicts recorded around [from, to) for the weekly digest (as `stateHistory` in lib/notifications/ledger.ts). */
export async function verdictHistory(db: StoreDb, from: number, to: number): Promise<StateHistory> {
  const [before, inside, row, hours] = await Promise.all([
    db
      .selectFrom("readiness_change")
      .select(["at", "to_verdict"])
      .where("at", "<", from)
      .orderBy("seq", "desc")
      .limit(1)
      .execute(),
    db
      .selectFrom("readiness_change")
      .select(["at", "to_verdict"])
      .where("at", ">=", from)
      .where("at", "<", to)
      .orderBy("seq")
      .execute(),
    db.selectFrom("readiness_state").select("checked_at").where("id", "=", CURRENT).executeTakeFirst(),
    checkedHours(db, READINESS_SUBJECT, from, to),
  ]);
  return {
    // The verdict as recorded: a state this code does not know is shown by its name, not folded into another.
    changes: [...before, ...inside].map((c) => ({ at: Number(c.at), to: c.to_verdict })),
    knownUntil: row ? Number(row.checked_at) : null,
    checkedHours: hours,
  };
}
