import type { Updateable } from "kysely";
import type { TrackerTables } from "@/lib/store/schema";
import type { ActionRow, Db, PhaseRow } from "./store";

/**
 * The rows an edit addresses, by key: one place for the where-chains every edit repeated
 * (incident, phase, action, and the version a write is based on).
 */

export interface PhaseKey {
  incident_id: string;
  phase_id: string;
}
export interface ActionKey extends PhaseKey {
  action_id: string;
}

export const phaseKey = (incidentId: string, phaseId: string): PhaseKey => ({
  incident_id: incidentId,
  phase_id: phaseId,
});
export const actionKey = (incidentId: string, phaseId: string, actionId: string): ActionKey => ({
  incident_id: incidentId,
  phase_id: phaseId,
  action_id: actionId,
});
export const actionKeyOf = (row: ActionRow): ActionKey => actionKey(row.incident_id, row.phase_id, row.action_id);

export function findPhase(db: Db, key: PhaseKey): Promise<PhaseRow | undefined> {
  return db
    .selectFrom("tracker_phase")
    .selectAll()
    .where((eb) => eb.and(key))
    .executeTakeFirst();
}

/** The action: "live" as the page sees it (not removed), "any" as stored (a lost race reads whatever won). */
export function findAction(db: Db, key: ActionKey, which: "live" | "any"): Promise<ActionRow | undefined> {
  let query = db
    .selectFrom("tracker_action")
    .selectAll()
    .where((eb) => eb.and(key));
  if (which === "live") query = query.where("deleted_at", "is", null);
  return query.executeTakeFirst();
}

/**
 * Writes a phase; with `ifVersion`, only while the stored version is still that one.
 * Returns the number of rows written (0: another transaction got there first).
 */
export async function setPhase(
  db: Db,
  key: PhaseKey,
  set: Updateable<TrackerTables["tracker_phase"]>,
  ifVersion?: number,
): Promise<number> {
  let query = db
    .updateTable("tracker_phase")
    .set(set)
    .where((eb) => eb.and(key));
  if (ifVersion !== undefined) query = query.where("version", "=", ifVersion);
  return Number((await query.executeTakeFirst()).numUpdatedRows);
}

/** As `setPhase`, for an action. */
export async function setAction(
  db: Db,
  key: ActionKey,
  set: Updateable<TrackerTables["tracker_action"]>,
  ifVersion?: number,
): Promise<number> {
  let query = db
    .updateTable("tracker_action")
    .set(set)
    .where((eb) => eb.and(key));
  if (ifVersion !== undefined) query = query.where("version", "=", ifVersion);
  return Number((await query.executeTakeFirst()).numUpdatedRows);
}

/** The phase's criteria whose last evaluation failed. */
export function failingCriteria(db: Db, key: PhaseKey) {
  return db
    .selectFrom("tracker_criterion")
    .select(["criterion_id", "expr", "evaluated_at"])
    .where((eb) => eb.and(key))
    .where("result", "=", "fail")
    .execute();
}

/** The highest position among the phase's actions (0 when it has none). */
export async function lastActionPosition(db: Db, key: PhaseKey): Promise<number> {
  const last = await db
    .selectFrom("tracker_action")
    .select((eb) => eb.fn.max("position").as("max"))
    .where((eb) => eb.and(key))
    .executeTakeFirst();
  return Number(last?.max ?? 0);
}
