import "server-only";
import type { ChangeView } from "@/lib/metrics/changes-schema";
import { actionRow } from "./action-edits";
import { actionKey } from "./edit-queries";
import { notFound } from "./edit-refused";
import { inEditTransaction } from "./edit-transaction";
import type { TrackerContext } from "./state";
import { writeAudit } from "@/lib/store/audit";
import { actionAudit } from "./store";
import { linkedChangeView, type ChangeLinkRow } from "./overlay";
import type { LinkedChangeView } from "./types";
import type { Actor } from "@/lib/store/core/audit";

/**
 * An action linked to the change that carried it out ("the connector resize that completed
 * phase 1's action"). The change is stored as it was read (never who made it: the tracker is
 * open to viewers), so the link reads the same when the audit log cannot be read. Linking is
 * idempotent (one row per action and change, whoever links it at the same time); both link and
 * unlink are audited in the same transaction as the write.
 */

export async function linkChange(
  ctx: TrackerContext,
  phaseId: string,
  actionId: string,
  change: ChangeView,
  actor: Actor,
  now: number,
): Promise<LinkedChangeView> {
  return inEditTransaction(ctx, now, async (trx) => {
    const action = await actionRow(trx, ctx, phaseId, actionId);
    const row: Omit<ChangeLinkRow, "incident_id"> = {
      phase_id: phaseId,
      action_id: actionId,
      change_id: change.id,
      kind: change.kind,
      resource_type: change.resource.type,
      resource_name: change.resource.name,
      summary: change.summary,
      outcome: change.outcome,
      started_at: Date.parse(change.startedAt),
      explorer_url: change.explorerUrl,
      linked_at: now,
      linked_by: actor.name,
    };
    const inserted = await trx
      .insertInto("tracker_action_change")
      .values({ incident_id: ctx.incident.id, ...row })
      .onConflict((oc) => oc.columns(["incident_id", "phase_id", "action_id", "change_id"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) {
      await writeAudit(trx, {
        ...actionAudit({ incidentId: ctx.incident.id, phaseId, actionId }, actor, now),
        change: "link-change",
        summary: `"${action.title}" linked to the change "${change.summary}"`,
        before: null,
        after: { changeId: change.id },
      });
    }
    const stored = await trx
      .selectFrom("tracker_action_change")
      .selectAll()
      .where((eb) => eb.and({ ...actionKey(ctx.incident.id, phaseId, actionId), change_id: change.id }))
      .executeTakeFirstOrThrow();
    return linkedChangeView(stored);
  });
}

export async function unlinkChange(
  ctx: TrackerContext,
  phaseId: string,
  actionId: string,
  changeId: string,
  actor: Actor,
  now: number,
): Promise<void> {
  await inEditTransaction(ctx, now, async (trx) => {
    const action = await actionRow(trx, ctx, phaseId, actionId);
    const deleted = await trx
      .deleteFrom("tracker_action_change")
      .where((eb) => eb.and({ ...actionKey(ctx.incident.id, phaseId, actionId), change_id: changeId }))
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) !== 1)
      throw notFound(`Action "${actionId}" is not linked to the change "${changeId}".`);
    await writeAudit(trx, {
      ...actionAudit({ incidentId: ctx.incident.id, phaseId, actionId }, actor, now),
      change: "unlink-change",
      summary: `"${action.title}" unlinked from the change ${changeId}`,
      before: { changeId },
      after: null,
    });
  });
}
