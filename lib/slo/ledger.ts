import type { StoreDb } from "@/lib/store/db";
import { audienceOf, type Audience } from "@/lib/notifications/audience";
import { deliveryRows, type DeliveryPlan } from "@/lib/notifications/plan";
import { stepAlert, type AlertState, type AlertStatus, type Condition } from "@/lib/health/slo/alerts";

/**
 * The alert ledger: each SLO × rule's state, its transitions and the deliveries they owe.
 *
 * A transition is recorded by a compare-and-set on `slo_alert_state.seq`, in one transaction
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

const ATTEMPTS = 8;

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
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const row = await db
      .selectFrom("slo_alert_state")
      .selectAll()
      .where("slo", "=", input.slo)
      .where("rule", "=", input.rule)
      .executeTakeFirst();
    const prev: AlertState | null = row
      ? { status: asStatus(row.status), since: row.since, clearSince: row.clear_since }
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
      status: step.state.status,
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
      if (row) {
        const r = await trx
          .updateTable("slo_alert_state")
          .set(values)
          .where("slo", "=", input.slo)
          .where("rule", "=", input.rule)
          .where("seq", "=", row.seq)
          .where("checked_at", "<=", input.now)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) return false;
      } else {
        const r = await trx
          .insertInto("slo_alert_state")
          .values({ slo: input.slo, rule: input.rule, ...values })
          .onConflict((oc) => oc.columns(["slo", "rule"]).doNothing())
          .executeTakeFirst();
        if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
      }
      if (!transition) return true;
      await trx
        .insertInto("slo_alert_transition")
        .values({
          id: transition.id,
          slo: transition.slo,
          rule: transition.rule,
          seq,
          from_status: transition.from,
          to_status: transition.to,
          at: transition.at,
          payload: JSON.stringify(input.payload(transition)),
        })
        .execute();
      const rows = deliveryRows(input.plan(transition, audience), input.now);
      if (rows.length) {
        await trx
          .insertInto("slo_alert_delivery")
          .values(rows.map((r) => ({ ...r, transition_id: transition.id })))
          .execute();
      }
      return true;
    });
    if (won) return { state: step.state, transition };
  }
  throw new Error(`The SLO alert ${input.slo}/${input.rule} could not be recorded: the store kept changing under it.`);
}

export type AlertStateRow = { slo: string; rule: string; status: AlertStatus; since: number; checkedAt: number };

export async function alertStates(db: StoreDb): Promise<AlertStateRow[]> {
  const rows = await db.selectFrom("slo_alert_state").selectAll().execute();
  return rows.map((r) => ({
    slo: r.slo,
    rule: r.rule,
    status: asStatus(r.status),
    since: r.since,
    checkedAt: r.checked_at,
  }));
}

export async function recentTransitions(db: StoreDb, limit: number): Promise<TransitionRecord[]> {
  const rows = await db
    .selectFrom("slo_alert_transition")
    .selectAll()
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    slo: r.slo,
    rule: r.rule,
    seq: r.seq,
    from: r.from_status === null ? null : asStatus(r.from_status),
    to: asStatus(r.to_status),
    at: r.at,
  }));
}
