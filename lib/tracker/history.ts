import "server-only";
import type { TrackerContext } from "./state";
import { auditEntryOf } from "./store";
import type { AuditEntry, HistoryPage } from "./types";

/** The audit trail, newest first, in pages addressed by an (at, id) cursor. */

export interface HistoryQuery {
  limit: number;
  cursor?: string;
  /** Only entries at or after this ISO time. */
  since?: string;
}

export async function listHistory(ctx: TrackerContext, q: HistoryQuery): Promise<HistoryPage> {
  let query = ctx.store.db.selectFrom("tracker_audit").selectAll().where("incident_id", "=", ctx.incident.id);
  if (q.since) query = query.where("at", ">=", Date.parse(q.since));
  if (q.cursor) {
    const [atText = "0", id = ""] = q.cursor.split(":");
    const at = Number(atText);
    // Entries of the same millisecond are ordered by id, so a page boundary never skips one.
    query = query.where((eb) => eb.or([eb("at", "<", at), eb.and([eb("at", "=", at), eb("id", "<", id)])]));
  }
  const rows = await query
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(q.limit + 1)
    .execute();
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    entries: page.map(auditEntryOf),
    nextCursor: rows.length > q.limit && last ? `${last.at}:${last.id}` : null,
  };
}

/** Every entry since a time, oldest first (the report's "what changed"). */
export async function historySince(ctx: TrackerContext, sinceMs: number): Promise<AuditEntry[]> {
  const rows = await ctx.store.db
    .selectFrom("tracker_audit")
    .selectAll()
    .where("incident_id", "=", ctx.incident.id)
    .where("at", ">=", sinceMs)
    .orderBy("at")
    .orderBy("id")
    .limit(1_000)
    .execute();
  return rows.map(auditEntryOf);
}
