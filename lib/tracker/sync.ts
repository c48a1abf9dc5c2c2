import type { Kysely, Updateable } from "kysely";
import type { StoreSchema } from "@/lib/store/schema";
import { actionKey, phaseKey } from "./edit-queries";
import { newId, writeAudit } from "@/lib/store/audit";
import { loadRows, type ActionRow, type Db } from "./store";
import { conflictText, planSync, type ActionFields, type SyncOp } from "./sync-plan";
import { CONFIG_ACTOR, type Incident } from "./types";
import { processSingleton } from "@/lib/base/singleton";

/**
 * Brings the store in line with the staging config (first start, or a re-read config):
 * new phases and actions are added, config changes nobody edited are taken over, and an
 * edit the config contradicts is kept and reported as a conflict. One transaction, so two
 * processes syncing at once cannot interleave half-applied plans.
 */

const fieldsJson = (f: ActionFields) => JSON.stringify(f);

async function apply(db: Db, incidentId: string, op: SyncOp, now: number): Promise<void> {
  const audit = (
    entity: "phase" | "action" | "conflict",
    phaseId: string,
    entityId: string,
    change: string,
    summary: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
  ) =>
    writeAudit(db, {
      incidentId,
      at: now,
      actor: CONFIG_ACTOR,
      entity,
      phaseId,
      entityId,
      change,
      summary,
      before,
      after,
    });
  /** The config's change to an action, as its next version. */
  const configVersion = (key: { phaseId: string; actionId: string }, set: Updateable<ActionRow>) =>
    db
      .updateTable("tracker_action")
      .set((eb) => ({ ...set, version: eb("version", "+", 1), updated_at: now, updated_by: CONFIG_ACTOR.name }))
      .where((eb) => eb.and(actionKey(incidentId, key.phaseId, key.actionId)))
      .execute();
  switch (op.kind) {
    case "insert-phase":
      // Seeding from the config is not a change anyone made: no audit entry.
      await db
        .insertInto("tracker_phase")
        .values({
          incident_id: incidentId,
          phase_id: op.phaseId,
          status: op.status,
          base_status: op.status,
          version: 1,
          updated_at: now,
          updated_by: CONFIG_ACTOR.name,
        })
        .onConflict((oc) => oc.columns(["incident_id", "phase_id"]).doNothing())
        .execute();
      return;
    case "adopt-phase":
      await db
        .updateTable("tracker_phase")
        .set((eb) => ({
          status: op.to,
          base_status: op.to,
          version: eb("version", "+", 1),
          updated_at: now,
          updated_by: CONFIG_ACTOR.name,
        }))
        .where((eb) => eb.and(phaseKey(incidentId, op.phaseId)))
        .execute();
      await audit(
        "phase",
        op.phaseId,
        op.phaseId,
        "update",
        `status ${op.from} → ${op.to} (from the staging config)`,
        { status: op.from },
        { status: op.to },
      );
      return;
    case "rebase-phase":
      await db
        .updateTable("tracker_phase")
        .set({ base_status: op.base })
        .where((eb) => eb.and(phaseKey(incidentId, op.phaseId)))
        .execute();
      return;
    case "insert-action":
      await db
        .insertInto("tracker_action")
        .values({
          incident_id: incidentId,
          phase_id: op.phaseId,
          action_id: op.actionId,
          title: op.fields.title,
          owner: op.fields.owner,
          status: op.fields.status,
          due: op.fields.due,
          links: JSON.stringify(op.fields.links),
          position: op.position,
          source: "config",
          base: fieldsJson(op.fields),
          deleted_at: null,
          version: 1,
          created_at: now,
          updated_at: now,
          updated_by: CONFIG_ACTOR.name,
        })
        .onConflict((oc) => oc.columns(["incident_id", "phase_id", "action_id"]).doNothing())
        .execute();
      return;
    case "adopt-action": {
      const { links, ...rest } = op.after;
      await configVersion(op, {
        ...rest,
        ...(links ? { links: JSON.stringify(links) } : {}),
        base: fieldsJson(op.base),
      });
      await audit(
        "action",
        op.phaseId,
        op.actionId,
        "update",
        `${Object.keys(op.after).join(", ")} changed in the staging config`,
        op.before,
        op.after,
      );
      return;
    }
    case "rebase-action":
      await db
        .updateTable("tracker_action")
        .set({ base: fieldsJson(op.base) })
        .where((eb) => eb.and(actionKey(incidentId, op.phaseId, op.actionId)))
        .execute();
      return;
    case "remove-action":
      await configVersion(op, { deleted_at: now });
      await audit(
        "action",
        op.phaseId,
        op.actionId,
        "delete",
        `"${op.before.title}" removed from the staging config`,
        op.before,
        null,
      );
      return;
    case "conflict": {
      const id = newId();
      await db
        .insertInto("tracker_conflict")
        .values({
          id,
          incident_id: incidentId,
          phase_id: op.phaseId,
          action_id: op.actionId,
          field: op.field,
          store_value: JSON.stringify(op.storeValue ?? null),
          config_value: JSON.stringify(op.configValue ?? null),
          detected_at: now,
          resolved_at: null,
          resolved_by: null,
          resolution: null,
        })
        .execute();
      const text = conflictText({ ...op, actionId: op.actionId || null });
      await audit(
        "conflict",
        op.phaseId,
        id,
        "conflict",
        text,
        { [op.field]: op.storeValue ?? null },
        { [op.field]: op.configValue ?? null },
      );
      return;
    }
    case "update-conflict":
      await db
        .updateTable("tracker_conflict")
        .set({ config_value: JSON.stringify(op.configValue ?? null) })
        .where("id", "=", op.id)
        .execute();
      return;
  }
}

export interface SyncResult {
  ops: SyncOp[];
}

export async function syncFromConfig(db: Kysely<StoreSchema>, incident: Incident, now: number): Promise<SyncResult> {
  return db.transaction().execute(async (trx) => {
    const rows = await loadRows(trx, incident.id);
    const ops = planSync(incident, rows.phases, rows.actions, rows.conflicts);
    for (const op of ops) await apply(trx, incident.id, op, now);
    return { ops };
  });
}

type Seen = WeakMap<object, { config: Incident; done: Promise<void> }>;

/**
 * Syncs once per store and config object: getStagingConfig() returns the same object until
 * the file is re-read, so a reload (a new object) is synced on the next request or
 * evaluation. Concurrent callers share one run.
 */
export async function syncIfNeeded(db: Kysely<StoreSchema>, incident: Incident, now: number): Promise<void> {
  const seen = processSingleton<Seen>("tracker-synced", () => new WeakMap());
  const last = seen.get(db);
  if (last?.config === incident) return last.done;
  const done = syncFromConfig(db, incident, now).then(() => undefined);
  seen.set(db, { config: incident, done });
  // A failed sync is retried by the next caller rather than remembered as done.
  done.catch(() => {
    if (seen.get(db)?.done === done) seen.delete(db);
  });
  return done;
}
