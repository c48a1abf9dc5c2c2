import type { Transaction } from "kysely";
import { appendChange } from "@/lib/store/change-feed";
import type { StoreDb } from "@/lib/store/db";
import type { StoreSchema } from "@/lib/store/schema";
import { checkedHours, markChecked } from "@/lib/store/watch-coverage";
import { audienceOf, type Audience } from "./audience";
import { deliveryRows, type DeliveryPlan } from "./plan";
import { subjectEvent } from "@/lib/notifications/core/routing";
import type { NotificationEvent } from "./events";
import type { StateHistory } from "@/lib/notifications/core/digest";
import {
  insertChange,
  insertDeliveries,
  readState,
  touchChecked,
  untilWon,
  writeState,
  type LedgerKind,
} from "./ledger-rows";

/**
 * The one notification ledger (./ledger-rows.ts holds its rows): the last recorded state per
 * subject, its numbered changes and the deliveries each owes — the Overview, golden-path probes,
 * rehearsals and changes here, the readiness verdict (lib/readiness/ledger.ts) through
 * `recordChange`, SLO alert steps (lib/slo/ledger.ts) through the same rows. A change is recorded
 * by a compare-and-set on the subject's `seq`, in one transaction with the change row and its
 * delivery rows: of any number of evaluators that see the same change at once (this process or
 * another on the same store) exactly one wins; the rest find it recorded. An observation older
 * than the last recorded one is ignored. The same transaction appends the change to the feed
 * `/api/stream` follows (decision 0027).
 *
 * Maintenance (issue 26): a change observed while its subject is `held` (in a maintenance
 * window) is recorded, goes to the feed and to the channels that asked for `duringMaintenance`;
 * every other channel gets a held row (the plan's routing decides that, ./current.ts), and
 * `announced` keeps the state those channels last heard. The first observation after the
 * window that differs from `announced` owes one message with the current state — also when
 * the state itself did not change (a probe that went down in the window and stays down; then
 * only to the channels that were held) — and one that equals it owes none. The same
 * compare-and-set makes that once across replicas.
 */

export type RecordInput = {
  subject: string;
  state: string;
  checkedAt: number;
  /**
   * Where the change goes, decided from the state people last heard (./plan.ts), to whom
   * (./audience.ts: after a window only some channels may be owed it).
   */
  plan: (previous: string | null, audience: Audience) => DeliveryPlan;
  /** The event stored with a change and sent to every channel; `previous` is the state people last heard of. */
  payload: (id: string, previous: string | null) => NotificationEvent;
  /** The subject is in a maintenance window now (the same windows the plan's held predicate reads). */
  held?: boolean;
};

/** What a kind adds to a state change: its name, and what else the change's transaction writes. */
export type ChangeInput<E> = Omit<RecordInput, "payload"> & {
  kind: LedgerKind;
  payload: (id: string, seq: number, previous: string | null) => E;
  /** Written in the change's own transaction (the change feed), so it exists if and only if the change does. */
  alsoWrite?: (trx: Transaction<StoreSchema>, change: { previous: string | null; event: E }) => Promise<void>;
};

/** What an observation left recorded: the change it made (null when none), and the state and since it stands at. */
export type Recorded = { id: string | null; seq: number | null; state: string; since: number };

const reminderMs = (plan: DeliveryPlan, key: string): number | null => {
  const minutes = plan.remind[key];
  return minutes === undefined ? null : minutes * 60_000;
};

/** Records a state seen at `checkedAt` for a subject of any kind: one change, once, when it is news. */
export async function recordChange<E>(db: StoreDb, input: ChangeInput<E>): Promise<Recorded> {
  await markChecked(db, input.subject, input.checkedAt);
  return untilWon(`The state of ${input.subject}`, async () => {
    const row = await readState(db, input.subject);
    const held = input.held === true;
    const announced = row ? row.announced : null;
    // After a window, the state the held channels last heard may differ from the current one.
    const owed = !held && announced !== input.state;
    if (row && (row.checked_at > input.checkedAt || (row.state === input.state && !owed))) {
      if (row.state === input.state && row.checked_at < input.checkedAt) {
        await touchChecked(db, input.subject, input.checkedAt);
      }
      return { id: null, seq: null, state: row.state, since: row.since };
    }
    const seq = (row?.seq ?? 0) + 1;
    const id = `${input.subject}#${seq}`;
    const previous = row?.state ?? null;
    const { audience, heard } = audienceOf(held, previous, announced, input.state);
    const since = row && row.state === input.state ? row.since : input.checkedAt;
    const won = await db.transaction().execute(async (trx) => {
      const values = {
        state: input.state,
        seq,
        since,
        checked_at: input.checkedAt,
        announced: held ? announced : input.state,
        clear_since: null,
      };
      if (!(await writeState(trx, input.kind, input.subject, row, values))) return false;
      const event = input.payload(id, seq, heard);
      await insertChange(trx, input.kind, {
        id,
        subject: input.subject,
        seq,
        from_state: previous,
        to_state: input.state,
        at: input.checkedAt,
        payload: JSON.stringify(event),
      });
      await input.alsoWrite?.(trx, { previous, event });
      const plan = input.plan(heard, audience);
      // Only notifications are reminded (reminders.ts reads that kind): other kinds owe no reminder.
      const rows = deliveryRows(plan, input.checkedAt).map((r) => ({
        ...r,
        remind_every_ms: input.kind === "notification" ? reminderMs(plan, r.webhook) : null,
      }));
      await insertDeliveries(trx, input.kind, { id, at: input.checkedAt, seq }, rows);
      return true;
    });
    return won ? { id, seq, state: input.state, since } : undefined;
  });
}

/** The id of the change recorded by this call, or null when the state was already recorded. */
export async function recordState(db: StoreDb, input: RecordInput): Promise<string | null> {
  const recorded = await recordChange<NotificationEvent>(db, {
    ...input,
    kind: "notification",
    payload: (id, _seq, previous) => input.payload(id, previous),
    alsoWrite: async (trx, { previous, event }) => {
      // The feed shows what happened, maintenance or not; a catch-up announcement is no change.
      // Only what open pages show live (decision 0027): the Overview and its golden-path probes.
      const kind = subjectEvent(input.subject);
      if (previous !== input.state && (kind === "overview" || kind === "probe")) {
        await appendChange(trx, {
          at: input.checkedAt,
          kind,
          subject: input.subject,
          from: previous,
          to: input.state,
          detail: JSON.stringify({ reasons: event.reasons, likelyCause: event.likelyCause }),
        });
      }
    },
  });
  return recorded.id;
}

/**
 * A subject's recorded states around [from, to) for the weekly digest: the last change before
 * `from` (the state the span starts in), the changes inside it, and when the state was last
 * checked (time after that is unknown). Reminders repeat a state and change nothing here.
 */
export async function stateHistory(db: StoreDb, subject: string, from: number, to: number): Promise<StateHistory> {
  const cols = ["at", "to_state"] as const;
  const [before, inside, row, hours] = await Promise.all([
    db
      .selectFrom("ledger_change")
      .select(cols)
      .where("subject", "=", subject)
      .where("at", "<", from)
      .orderBy("at", "desc")
      .orderBy("seq", "desc")
      .limit(1)
      .execute(),
    db
      .selectFrom("ledger_change")
      .select(cols)
      .where("subject", "=", subject)
      .where("at", ">=", from)
      .where("at", "<", to)
      .orderBy("at")
      .orderBy("seq")
      .execute(),
    db.selectFrom("ledger_state").select("checked_at").where("subject", "=", subject).executeTakeFirst(),
    checkedHours(db, subject, from, to),
  ]);
  return {
    changes: [...before, ...inside].map((c) => ({ at: Number(c.at), to: c.to_state })),
    knownUntil: row ? Number(row.checked_at) : null,
    checkedHours: hours,
  };
}
