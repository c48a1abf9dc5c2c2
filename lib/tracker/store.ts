import type { Kysely, Transaction } from "kysely";
import type { StoreSchema, TrackerTables } from "@/lib/store/schema";
import type { Actor } from "@/lib/store/core/audit";
import type { AuditEntry } from "./types";

/** Reads and small writes of the tracker's tables; shared by sync, edits and the evaluator. */

export type Db = Kysely<StoreSchema> | Transaction<StoreSchema>;
export type PhaseRow = TrackerTables["tracker_phase"];
export type ActionRow = TrackerTables["tracker_action"];
export type CriterionRow = TrackerTables["tracker_criterion"];
export type ConflictRow = TrackerTables["tracker_conflict"];
export type EvidenceRow = TrackerTables["tracker_evidence"];

export interface TrackerRows {
  phases: PhaseRow[];
  actions: ActionRow[];
  criteria: CriterionRow[];
  conflicts: ConflictRow[];
  decisions: EvidenceRow[];
  meta: TrackerTables["tracker_meta"] | null;
  /** Actions linked to changes (migration 0010), oldest change first. */
  changeLinks: TrackerTables["tracker_action_change"][];
}

export async function loadRows(db: Db, incidentId: string): Promise<TrackerRows> {
  const [phases, actions, criteria, conflicts, decisions, meta, changeLinks] = await Promise.all([
    db.selectFrom("tracker_phase").selectAll().where("incident_id", "=", incidentId).execute(),
    db
      .selectFrom("tracker_action")
      .selectAll()
      .where("incident_id", "=", incidentId)
      .orderBy("position")
      .orderBy("created_at")
      .execute(),
    db.selectFrom("tracker_criterion").selectAll().where("incident_id", "=", incidentId).execute(),
    db
      .selectFrom("tracker_conflict")
      .selectAll()
      .where("incident_id", "=", incidentId)
      .where("resolved_at", "is", null)
      .orderBy("detected_at")
      .execute(),
    // Only the newest decision per phase is shown; a handful of rows per phase at most.
    db
      .selectFrom("tracker_evidence")
      .selectAll()
      .where("incident_id", "=", incidentId)
      .orderBy("decided_at", "desc")
      .limit(50)
      .execute(),
    db.selectFrom("tracker_meta").selectAll().where("incident_id", "=", incidentId).executeTakeFirst(),
    db
      .selectFrom("tracker_action_change")
      .selectAll()
      .where("incident_id", "=", incidentId)
      .orderBy("started_at")
      .orderBy("change_id")
      .execute(),
  ]);
  return { phases, actions, criteria, conflicts, decisions, meta: meta ?? null, changeLinks };
}

/** Who changed which action, and when: the part of an audit entry every action edit shares. */
export function actionAudit(key: { incidentId: string; phaseId: string; actionId: string }, actor: Actor, at: number) {
  return {
    incidentId: key.incidentId,
    at,
    actor,
    entity: "action" as const,
    phaseId: key.phaseId,
    entityId: key.actionId,
  };
}

function parseObject(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const ENTITIES = ["phase", "action", "criterion", "conflict", "maintenance", "notification"] as const;

export function auditEntryOf(row: TrackerTables["tracker_audit"]): AuditEntry {
  const entity = ENTITIES.find((e) => e === row.entity) ?? "phase";
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    actor: row.actor,
    actorRole: row.actor_role,
    entity,
    phaseId: row.phase_id,
    entityId: row.entity_id,
    change: row.change,
    summary: row.summary,
    before: parseObject(row.before),
    after: parseObject(row.after),
    reason: row.reason,
  };
}
