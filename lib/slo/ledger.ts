import type { StoreDb } from "@/lib/store/db";
import { audienceOf, type Audience } from "@/lib/notifications/audience";
import { insertChange, insertDeliveries, readState, untilWon, writeState } from "@/lib/notifications/ledger-rows";
import { deliveryRows, type DeliveryPlan } from "@/lib/notifications/plan";
import { stepAlert, type AlertState, type AlertStatus, type Condition } from "@/lib/config/core/slo/alerts";

/**
 * SLO alerts in the one notification ledger (lib/notifications/ledger-rows.ts, kind "slo",
 * subject "slo:<slo>/<rule>"): each SLO × rule's state, its transitions and the deliveries they owe.
 *
 * A transition is recorded by a compare-and-set on the subject's `seq`, in one transaction
 * with the transition row and its delivery rows. Of any number of evaluations that see the
 * same transition at once — in this process or on another replica on the same store — exactly
 * one wins; the others read the state again and find it already recorded. An evaluation older
 * than the state's last check is ignored, so a slow one cannot flip the state back.
 *
 * Maintenance: a transition seen while `held` is recorded; routing gives it only to channels
 * with `duringMaintenance` (the others get held rows), and `announced` keeps the status the held
 * channels last heard ("resolved" before anything fired). The first step after the
 * window whose status differs from it records one transition from the heard status to the
 * current one and owes its delivery — an alert that fired in the window and still fires.
 */

/** The rule's subject in the ledger; an SLO id is a slug, so the first "/" after the prefix splits it again. */
const subjectOf = (slo: string, rule: string) => `slo:${slo}/${rule}`;
const PREFIX = "slo:";

export type TransitionRecord = {
  id: string;
  slo: string;
  rule: string;
  seq: number;
  from: AlertStatus | null;
  to: AlertStatus;
  at: number;
};

export type StepInput = {
  slo: string;
  rule: string;
  condition: Condition;
  now: number;
  resolveHoldMs: number;
  /** Where a transition goes (lib/notifications/plan.ts), to whom after a window (lib/notifications/audience.ts). */
  plan: (transition: TransitionRecord, audience: Audience) => DeliveryPlan;
  /** The event stored with a transition (and sent to every webhook). */
  payload: (t: TransitionRecord) => unknown;
  /** The SLO's scope is in a maintenance window now (routing holds the channels through `plan`). */
  held?: boolean;
};

const asStatus = (s: string): AlertStatus => (s === "firing" ? "firing" : "resolved");

export async function recordAlertStep(
  db: StoreDb,
  input: StepInput,
): Promise<{ state: AlertState; transition: TransitionRecord | null }> {
  const subject = subjectOf(input.slo, input.rule);
  return untilWon(`The SLO alert ${input.slo}/${input.rule}`, async () => {
    const row = await readState(db, subject);
    const prev: AlertState | null = row
      ? { status: asStatus(row.state), since: row.since, clearSince: row.clear_since }
      : null;
    if (row && prev && row.checked_at > input.now) return { state: prev, transition: null };
    const step = stepAlert(prev, input.condition, input.now, input.resolveHoldMs);
    const held = input.held === true;
    const heard: AlertStatus = row?.announced ? asStatus(row.announced) : "resolved";
    const owed = !held && step.state.status !== heard;
    // After a window: still firing (or resolved meanwhile) without a step of its own — say so once.
    const to: AlertStatus | null = step.transition ?? (owed ? step.state.status : null);
    const seq = (row?.seq ?? 0) + (to ? 1 : 0);
    // Routing holds the channels without `duringMaintenance` in a window; after it, only those
    // still owed the status get it (lib/notifications/audience.ts).
    const { audience } = audienceOf(held, prev?.status ?? "resolved", heard, step.state.status);
    const values = {
      state: step.state.status,
      since: step.state.since,
      clear_since: step.state.clearSince,
      seq,
      checked_at: input.now,
      announced: held ? (row?.announced ?? null) : step.state.status,
    };
    const transition: TransitionRecord | null = to
      ? {
          id: `${input.slo}/${input.rule}/${seq}`,
          slo: input.slo,
          rule: input.rule,
          seq,
          from: step.transition ? (prev?.status ?? null) : heard,
          to,
          at: input.now,
        }
      : null;

    const won = await db.transaction().execute(async (trx) => {
      if (!(await writeState(trx, "slo", subject, row, values, input.now))) return false;
      if (!transition) return true;
      await insertChange(trx, "slo", {
        id: transition.id,
        subject,
        seq,
        from_state: transition.from,
        to_state: transition.to,
        at: transition.at,
        payload: JSON.stringify(input.payload(transition)),
      });
      const rows = deliveryRows(input.plan(transition, audience), input.now);
      await insertDeliveries(trx, "slo", { id: transition.id, at: transition.at, seq }, rows);
      return true;
    });
    return won ? { state: step.state, transition } : undefined;
  });
}

export type AlertStateRow = { slo: string; rule: string; status: AlertStatus; since: number; checkedAt: number };

/** The SLO and rule a ledger subject names (see `subjectOf`). */
function ruleOf(subject: string): { slo: string; rule: string } {
  const rest = subject.slice(PREFIX.length);
  const cut = rest.indexOf("/");
  return { slo: rest.slice(0, cut), rule: rest.slice(cut + 1) };
}

export async function alertStates(db: StoreDb): Promise<AlertStateRow[]> {
  const rows = await db.selectFrom("ledger_state").selectAll().where("kind", "=", "slo").execute();
  return rows.map((r) => ({
    ...ruleOf(r.subject),
    status: asStatus(r.state),
    since: r.since,
    checkedAt: r.checked_at,
  }));
}

export async function recentTransitions(db: StoreDb, limit: number): Promise<TransitionRecord[]> {
  const rows = await db
    .selectFrom("ledger_change")
    .selectAll()
    .where("kind", "=", "slo")
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    ...ruleOf(r.subject),
    seq: r.seq,
    from: r.from_state === null ? null : asStatus(r.from_state),
    to: asStatus(r.to_state),
    at: r.at,
  }));
}
