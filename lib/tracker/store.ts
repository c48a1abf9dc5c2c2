import { randomUUID } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { StoreSchema, TrackerTables } from "@/lib/store/schema";
import type { Actor, AuditEntry } from "./types";

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

export interface AuditInput {
  incidentId: string;
  at: number;
  actor: Actor;
  entity: AuditEntry["entity"];
  phaseId: string;
  entityId: string;
  change: string;
  summary: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  reason?: string | null;
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

export async function writeAudit(db: Db, a: AuditInput): Promise<void> {
  await db
    .insertInto("tracker_audit")
    .values({
      id: newId(),
      incident_id: a.incidentId,
      at: a.at,
      actor: a.actor.name,
      actor_role: a.actor.role,
      entity: a.entity,
      phase_id: a.phaseId,
      entity_id: a.entityId,
      change: a.change,
      summary: a.summary,
      before: a.before ? JSON.stringify(a.before) : null,
      after: a.after ? JSON.stringify(a.after) : null,
      reason: a.reason ?? null,
    })
    .execute();
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

let lastMs = 0;
let counter = 0;

/**
 * A UUIDv7-style id: wall-clock milliseconds, then a per-process counter, then random bits.
 * Ids of one process sort in the order they were made, so audit entries written in the same
 * millisecond (one transaction's) keep their order in the history.
 */
export function newId(): string {
  const ms = Date.now();
  counter = ms === lastMs ? counter + 1 : 0;
  lastMs = ms;
  const hex =
    ms.toString(16).padStart(12, "0") +
    "7" +
    (counter & 0xfff).toString(16).padStart(3, "0") +
    randomUUID().replace(/-/g, "").slice(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
