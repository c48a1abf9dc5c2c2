import type { StoreDb } from "@/lib/store/db";
import { MAINTENANCE_AUDIT } from "./store";
import type { MaintenanceAuditEntry } from "./types";

/** The newest entries first. */
export async function maintenanceHistory(db: StoreDb, limit: number): Promise<MaintenanceAuditEntry[]> {
  const rows = await db
    .selectFrom("tracker_audit")
    .selectAll()
    .where("incident_id", "=", MAINTENANCE_AUDIT)
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    at: new Date(Number(r.at)).toISOString(),
    actor: r.actor,
    actorRole: r.actor_role,
    windowId: r.entity_id,
    change: r.change,
    summary: r.summary,
    reason: r.reason,
  }));
}
