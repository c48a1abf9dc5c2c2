import type { Verdict } from "@/lib/readiness/core";
import { appendChange } from "@/lib/store/change-feed";
import type { StoreDb } from "@/lib/store/db";
import type { Audience } from "@/lib/notifications/audience";
import { recordChange, stateHistory } from "@/lib/notifications/ledger";
import { readState } from "@/lib/notifications/ledger-rows";
import type { DeliveryPlan } from "@/lib/notifications/plan";
import type { StateHistory } from "@/lib/notifications/core/digest";
import type { ReadinessChangeView } from "./types";
import { READINESS_SUBJECT } from "./webhook-payload";

/**
 * The verdict in the one notification ledger (lib/notifications/ledger.ts, subject "readiness",
 * kind "readiness"): the current verdict, numbered changes ("readiness#<seq>") and the deliveries
 * they owe.
 *
 * A change is recorded by the ledger's compare-and-set on the subject's `seq`, in the same
 * transaction as the change row and its delivery rows. Of any number of evaluations that see the
 * same change at once — in this process or another one on the same store — exactly one wins the
 * update; the others find the verdict already recorded. An evaluation older than the one
 * recorded last is ignored, so a slow evaluation cannot flip the verdict back.
 * The same transaction appends the change to the feed `/api/stream` follows (decision 0027).
 *
 * Maintenance: a change seen while `held` is recorded (and goes to the feed); routing sends it
 * only to channels with `duringMaintenance` (the others get held rows), `announced` keeps the
 * verdict the held channels last heard, and the first evaluation after the window that differs
 * from it owes them one message, even when the verdict itself did not change (the ledger's
 * rule, lib/notifications/audience.ts deciding who is owed it).
 */

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
const orNull = (v: string | null): Verdict | null => (v === null ? null : asVerdict(v));

export async function recordVerdict(db: StoreDb, input: RecordInput): Promise<Recorded> {
  const recorded = await recordChange(db, {
    kind: "readiness",
    subject: READINESS_SUBJECT,
    state: input.verdict,
    checkedAt: input.checkedAt,
    held: input.held,
    plan: (previous, audience) => input.plan(orNull(previous), audience),
    payload: (_id, seq, previous) => input.payload(seq, orNull(previous)),
    alsoWrite: async (trx, { previous }) => {
      // The feed shows what happened, maintenance or not; a catch-up announcement is no change.
      if (previous === input.verdict) return;
      await appendChange(trx, {
        at: input.checkedAt,
        kind: "readiness",
        subject: "readiness",
        from: previous,
        to: input.verdict,
        detail: JSON.stringify({ reasons: input.reasons ?? [], likelyCause: null }),
      });
    },
  });
  return { change: recorded.seq, verdict: asVerdict(recorded.state), since: recorded.since };
}

export async function currentState(db: StoreDb): Promise<{ verdict: Verdict; since: number; seq: number } | null> {
  const row = await readState(db, READINESS_SUBJECT);
  return row ? { verdict: asVerdict(row.state), since: row.since, seq: row.seq } : null;
}

export async function recentChanges(db: StoreDb, limit: number): Promise<ReadinessChangeView[]> {
  const rows = await db
    .selectFrom("ledger_change")
    .select(["seq", "from_state", "to_state", "at"])
    .where("kind", "=", "readiness")
    .orderBy("seq", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    seq: r.seq,
    from: orNull(r.from_state),
    to: asVerdict(r.to_state),
    at: new Date(r.at).toISOString(),
  }));
}

/**
 * The verdicts recorded around [from, to) for the weekly digest: the ledger's `stateHistory` of
 * the readiness subject. The verdict as recorded: a state this code does not know is shown by
 * its name, not folded into another.
 */
export function verdictHistory(db: StoreDb, from: number, to: number): Promise<StateHistory> {
  return stateHistory(db, READINESS_SUBJECT, from, to);
}
