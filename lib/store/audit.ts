import { randomUUID } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Actor, AuditEntity } from "@/lib/store/core/audit";
import type { StoreSchema } from "./schema";

/**
 * The one audit trail (`tracker_audit`): who changed what, and when. The tracker, maintenance and the
 * digest write it, so it sits in the store, below all three (decision 0034).
 */

export interface AuditInput {
  incidentId: string;
  at: number;
  actor: Actor;
  entity: AuditEntity;
  phaseId: string;
  entityId: string;
  change: string;
  summary: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  reason?: string | null;
}

export async function writeAudit(db: Kysely<StoreSchema> | Transaction<StoreSchema>, a: AuditInput): Promise<void> {
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
