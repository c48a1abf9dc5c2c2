import "server-only";
import { EditRefused, notFound } from "./edit-refused";
import { actionKey, findAction, findPhase, phaseKey, setAction, setPhase } from "./edit-queries";
import { configPhase, inEditTransaction } from "./edit-transaction";
import { actionSettlement, configFields, phaseSettlement, settledValues, type Keep } from "./settlement";
import type { TrackerContext } from "./state";
import { writeAudit } from "@/lib/store/audit";
import type { ConflictRow, Db } from "./store";
import type { Actor } from "@/lib/store/core/audit";

/**
 * Settles a config conflict: keep the page's value (the config's becomes the new base, so it
 * is not reported again) or take the config's (the stored value changes, audited).
 */
export async function resolveConflict(
  ctx: TrackerContext,
  conflictId: string,
  keep: Keep,
  actor: Actor,
  now: number,
): Promise<void> {
  await inEditTransaction(ctx, now, async (trx) => {
    const c = await openConflict(trx, ctx, conflictId);
    await settle(trx, ctx, c, keep, actor, now);
    await trx
      .updateTable("tracker_conflict")
      .set({ resolved_at: now, resolved_by: actor.name, resolution: keep })
      .where("id", "=", conflictId)
      .execute();
    const subject = c.action_id ? `action "${c.action_id}"` : `phase "${c.phase_id}"`;
    await writeAudit(trx, {
      incidentId: ctx.incident.id,
      at: now,
      actor,
      entity: "conflict",
      phaseId: c.phase_id,
      entityId: conflictId,
      change: "resolve",
      summary: `config conflict on ${subject} (${c.field}) resolved: kept the ${keep === "store" ? "page's value" : "config's value"}`,
      ...settledValues(c, keep),
    });
  });
}

/** The conflict, refused when unknown or settled by someone already. */
async function openConflict(trx: Db, ctx: TrackerContext, conflictId: string): Promise<ConflictRow> {
  const c = await trx
    .selectFrom("tracker_conflict")
    .selectAll()
    .where("id", "=", conflictId)
    .where("incident_id", "=", ctx.incident.id)
    .executeTakeFirst();
  if (!c) throw notFound(`There is no conflict "${conflictId}".`);
  if (c.resolved_at !== null)
    throw new EditRefused("already_resolved", `This conflict was resolved by ${c.resolved_by ?? "someone"} already.`);
  return c;
}

/** Applies the settlement to the phase or action the conflict is about, if its row is stored. */
async function settle(trx: Db, ctx: TrackerContext, c: ConflictRow, keep: Keep, actor: Actor, now: number) {
  const phase = configPhase(ctx, c.phase_id);
  if (!c.action_id) {
    const key = phaseKey(ctx.incident.id, c.phase_id);
    const row = await findPhase(trx, key);
    if (row) await setPhase(trx, key, phaseSettlement(row, phase.status, keep, actor.name, now));
    return;
  }
  const key = actionKey(ctx.incident.id, c.phase_id, c.action_id);
  const row = await findAction(trx, key, "any");
  if (!row) return;
  const cfg = phase.actions.find((a) => a.id === c.action_id);
  const set = actionSettlement(row, cfg ? configFields(cfg) : null, c.field, keep, actor.name, now);
  if (set) await setAction(trx, key, set);
}
