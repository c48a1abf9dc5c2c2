import "server-only";
import type { Updateable } from "kysely";
import { randomBytes } from "node:crypto";
import { actionDiff, describeDiff } from "./action-diff";
import { EditRefused, notFound, staleVersion } from "./edit-refused";
import {
  actionKey,
  actionKeyOf,
  findAction,
  lastActionPosition,
  phaseKey,
  setAction,
  type ActionKey,
} from "./edit-queries";
import { configPhase, inEditTransaction } from "./edit-transaction";
import { actionView } from "./overlay";
import type { ActionCreate, ActionPatch } from "./schemas";
import type { TrackerContext } from "./state";
import { writeAudit } from "@/lib/store/audit";
import { actionAudit, type ActionRow, type Db } from "./store";
import { storedFields } from "./sync-plan";
import type { ActionView } from "./types";
import type { Actor } from "@/lib/store/core/audit";

/**
 * Actions added, edited and removed on the page: each based on a version (an older one is
 * refused with the current state), audited in the same transaction as the write.
 */

/** The action as the page sees it (not removed), or a not-found refusal naming it. */
export async function actionRow(trx: Db, ctx: TrackerContext, phaseId: string, actionId: string): Promise<ActionRow> {
  const row = await findAction(trx, actionKey(ctx.incident.id, phaseId, actionId), "live");
  if (!row) throw notFound(`Phase "${phaseId}" has no action "${actionId}".`);
  return row;
}

/**
 * An edit of an existing action based on `version`, in one audited transaction: `edit` gets the
 * row in force; refused when it is gone or was changed after the caller loaded it.
 */
async function editAtVersion<T>(
  ctx: TrackerContext,
  target: { phaseId: string; actionId: string; version: number },
  now: number,
  edit: (trx: Db, row: ActionRow) => Promise<T>,
): Promise<T> {
  configPhase(ctx, target.phaseId);
  return inEditTransaction(ctx, now, async (trx) => {
    const row = await actionRow(trx, ctx, target.phaseId, target.actionId);
    if (row.version !== target.version) throw staleVersion("action", actionView(row), row.updated_by);
    return edit(trx, row);
  });
}

/** Writes `set` as the action's next version, only while the stored one is still `row`'s. */
async function writeNextVersion(trx: Db, row: ActionRow, set: Updateable<ActionRow>, actor: Actor, now: number) {
  const key = actionKeyOf(row);
  const next = { ...set, version: row.version + 1, updated_at: now, updated_by: actor.name };
  if ((await setAction(trx, key, next, row.version)) !== 1) throw await lostRace(trx, key);
}

/** The refusal for a write that lost to a concurrent one: with the winner's state, read again. */
async function lostRace(trx: Db, key: ActionKey): Promise<EditRefused> {
  const current = await findAction(trx, key, "any");
  return staleVersion("action", current ? actionView(current) : null, current?.updated_by ?? "someone else");
}

export async function createAction(
  ctx: TrackerContext,
  phaseId: string,
  input: ActionCreate,
  actor: Actor,
  now: number,
): Promise<ActionView> {
  configPhase(ctx, phaseId);
  return inEditTransaction(ctx, now, async (trx) => {
    // Added actions sort after the config's, in the order they were added.
    const position = Math.max(1_000, (await lastActionPosition(trx, phaseKey(ctx.incident.id, phaseId))) + 1);
    const row: ActionRow = {
      incident_id: ctx.incident.id,
      phase_id: phaseId,
      action_id: `ui-${randomBytes(4).toString("hex")}`,
      title: input.title,
      owner: input.owner,
      status: input.status,
      due: input.due,
      links: JSON.stringify(input.links),
      position,
      source: "ui",
      base: null,
      deleted_at: null,
      version: 1,
      created_at: now,
      updated_at: now,
      updated_by: actor.name,
    };
    await trx.insertInto("tracker_action").values(row).execute();
    await writeAudit(trx, {
      ...actionAudit({ incidentId: ctx.incident.id, phaseId, actionId: row.action_id }, actor, now),
      change: "create",
      summary: `added action "${input.title}"`,
      before: null,
      after: storedFields(row),
    });
    return actionView(row);
  });
}

export async function updateAction(
  ctx: TrackerContext,
  phaseId: string,
  actionId: string,
  patch: ActionPatch,
  actor: Actor,
  now: number,
): Promise<ActionView> {
  return editAtVersion(ctx, { phaseId, actionId, version: patch.version }, now, async (trx, row) => {
    const diff = actionDiff(storedFields(row), patch);
    if (Object.keys(diff.after).length === 0) return actionView(row);
    const { links, ...rest } = diff.after;
    await writeNextVersion(trx, row, { ...rest, ...(links ? { links: JSON.stringify(links) } : {}) }, actor, now);
    await writeAudit(trx, {
      ...actionAudit({ incidentId: ctx.incident.id, phaseId, actionId }, actor, now),
      change: "update",
      summary: `"${row.title}": ${describeDiff(diff)}`,
      before: diff.before,
      after: diff.after,
    });
    return actionView(await actionRow(trx, ctx, phaseId, actionId));
  });
}

export async function deleteAction(
  ctx: TrackerContext,
  phaseId: string,
  actionId: string,
  version: number,
  actor: Actor,
  now: number,
): Promise<void> {
  await editAtVersion(ctx, { phaseId, actionId, version }, now, async (trx, row) => {
    await writeNextVersion(trx, row, { deleted_at: now }, actor, now);
    await writeAudit(trx, {
      ...actionAudit({ incidentId: ctx.incident.id, phaseId, actionId }, actor, now),
      change: "delete",
      summary: `removed action "${row.title}"`,
      before: storedFields(row),
      after: null,
    });
  });
}
