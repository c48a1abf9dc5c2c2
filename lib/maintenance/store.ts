import { randomUUID } from "node:crypto";
import type { MaintenanceScope, MaintenanceWindow } from "@/lib/config/core/maintenance/types";
import { parseScope } from "@/lib/config/core/maintenance/scope";
import { appendChange } from "@/lib/store/change-feed";
import type { StoreDb } from "@/lib/store/db";
import type { MaintenanceTables } from "@/lib/store/schema";
import type { Actor } from "@/lib/store/core/audit";
import { writeAudit, type AuditInput } from "@/lib/store/audit";

/**
 * Maintenance windows made through the API. Each write is one transaction with its audit
 * entry (the shared audit table, under its own stream), so an acknowledged window and its
 * history survive a crash together. Ending early is a compare-and-set on the window still
 * running: of two engineers ending it at once, one wins and the other is told it had ended.
 * The same transaction appends the write to the change feed (decision 0027), so open pages
 * refetch their maintenance panel and verdicts at once instead of on their next poll.
 */

/** The audit stream of maintenance in `tracker_audit` (its `incident_id`). */
export const MAINTENANCE_AUDIT = "maintenance";

type Row = MaintenanceTables["maintenance_window"];

export function windowOf(r: Row): MaintenanceWindow {
  return {
    id: r.id,
    // Written only through parseScope; a row edited by hand to nonsense covers everything rather than nothing.
    scope: parseScope(r.scope) ?? "everything",
    reason: r.reason,
    startsAt: Number(r.starts_at),
    endsAt: Number(r.ends_at),
    createdBy: r.created_by,
    source: "api",
    recurrence: null,
    endedEarly: r.ended_by !== null && r.ended_at !== null ? { by: r.ended_by, at: Number(r.ended_at) } : null,
  };
}

/** A window as the feed tells it: "planned" (starts later), "running" or "ended". */
function feedWindow(
  trx: StoreDb,
  w: { scope: string; reason: string; endsAt: number },
  from: string | null,
  to: string,
  at: number,
) {
  return appendChange(trx, {
    at,
    kind: "maintenance",
    subject: `maintenance:${w.scope}`,
    from,
    to,
    detail: JSON.stringify({ reasons: [`${w.reason} (until ${new Date(w.endsAt).toISOString()})`], likelyCause: null }),
  });
}

const startedBy = (startsAt: number, now: number) => (startsAt <= now ? "running" : "planned");

export type NewWindow = { scope: MaintenanceScope; reason: string; startsAt: number; durationMs: number };

/** One entry in maintenance's own audit stream (`MAINTENANCE_AUDIT`). */
function auditMaintenance(
  trx: Parameters<typeof writeAudit>[0],
  actor: Actor,
  now: number,
  entry: Omit<AuditInput, "incidentId" | "at" | "actor" | "entity" | "phaseId">,
): Promise<void> {
  return writeAudit(trx, {
    incidentId: MAINTENANCE_AUDIT,
    at: now,
    actor,
    entity: "maintenance",
    phaseId: "",
    ...entry,
  });
}

export async function createWindow(db: StoreDb, w: NewWindow, actor: Actor, now: number): Promise<MaintenanceWindow> {
  const row: Row = {
    id: randomUUID(),
    scope: w.scope,
    reason: w.reason,
    starts_at: w.startsAt,
    ends_at: w.startsAt + w.durationMs,
    created_by: actor.name,
    created_at: now,
    ended_by: null,
    ended_at: null,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("maintenance_window").values(row).execute();
    await auditMaintenance(trx, actor, now, {
      entityId: row.id,
      change: "created",
      summary: `Maintenance of ${w.scope} from ${new Date(row.starts_at).toISOString()} to ${new Date(row.ends_at).toISOString()}`,
      after: { scope: row.scope, startsAt: row.starts_at, endsAt: row.ends_at },
      reason: w.reason,
    });
    await feedWindow(
      trx,
      { scope: row.scope, reason: row.reason, endsAt: row.ends_at },
      null,
      startedBy(row.starts_at, now),
      now,
    );
  });
  return windowOf(row);
}

export type EndResult = { ok: true; window: MaintenanceWindow } | { ok: false; status: 404 | 409; message: string };

/** Ends a running (or planned) window now; the audit keeps its planned end. */
export async function endWindow(db: StoreDb, id: string, actor: Actor, now: number): Promise<EndResult> {
  return db.transaction().execute(async (trx): Promise<EndResult> => {
    const before = await trx.selectFrom("maintenance_window").selectAll().where("id", "=", id).executeTakeFirst();
    if (!before) return { ok: false, status: 404, message: "No maintenance window with that id." };
    // A planned window ended before it began never runs: it ends at its own start.
    const endsAt = Math.max(now, Number(before.starts_at));
    const r = await trx
      .updateTable("maintenance_window")
      .set({ ends_at: endsAt, ended_by: actor.name, ended_at: now })
      .where("id", "=", id)
      .where("ends_at", ">", now)
      .where("ended_at", "is", null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1)
      return { ok: false, status: 409, message: "That maintenance window has already ended." };
    await auditMaintenance(trx, actor, now, {
      entityId: id,
      change: "ended",
      summary: `Maintenance of ${before.scope} ended early`,
      before: { endsAt: Number(before.ends_at) },
      after: { endsAt },
      reason: before.reason,
    });
    const was = startedBy(Number(before.starts_at), now);
    await feedWindow(trx, { scope: before.scope, reason: before.reason, endsAt }, was, "ended", now);
    return { ok: true, window: windowOf({ ...before, ends_at: endsAt, ended_by: actor.name, ended_at: now }) };
  });
}

/** Stored windows that overlap [from, to), oldest first. */
export async function storedWindows(db: StoreDb, from: number, to: number): Promise<MaintenanceWindow[]> {
  const rows = await db
    .selectFrom("maintenance_window")
    .selectAll()
    .where("ends_at", ">", from)
    .where("starts_at", "<", to)
    // A planned window ended before it began is empty: it never ran.
    .whereRef("ends_at", ">", "starts_at")
    .orderBy("starts_at")
    .orderBy("id")
    .limit(1_000)
    .execute();
  return rows.map(windowOf);
}
