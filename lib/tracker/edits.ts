import "server-only";
import { randomBytes } from "node:crypto";
import { ApiError } from "@/lib/api/errors";
import { actionView, phaseStatusOf } from "./overlay";
import type { ActionCreate, ActionPatch, PhasePatch } from "./schemas";
import { syncIfNeeded } from "./sync";
import type { TrackerContext } from "./state";
import { writeAudit, type ActionRow, type Db, type PhaseRow } from "./store";
import { ACTION_FIELDS, parseBase, same, storedFields, type ActionFields } from "./sync-plan";
import { STALE_EVALUATION_MS } from "./view";
import type { ActionView, Actor } from "./types";

/**
 * Every edit made on the page: transactional, audited (who, when, before → after), and
 * based on a version — a write based on an older version than the stored one gets 409 with
 * the current state instead of overwriting someone else's change.
 */

export interface PhaseState {
  id: string;
  status: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

const phaseState = (row: PhaseRow): PhaseState => ({
  id: row.phase_id,
  status: row.status,
  version: row.version,
  updatedAt: new Date(row.updated_at).toISOString(),
  updatedBy: row.updated_by,
});

function stale(kind: string, current: unknown, by: string): ApiError {
  return new ApiError(
    409,
    "stale_version",
    `This ${kind} was changed by ${by} after you loaded it; reload and apply your change again.`,
    { current },
  );
}

async function inTransaction<T>(ctx: TrackerContext, now: number, work: (trx: Db) => Promise<T>): Promise<T> {
  // The rows an edit addresses exist only once the config has been synced into the store.
  await syncIfNeeded(ctx.store.db, ctx.incident, now);
  return ctx.store.db.transaction().execute(work);
}

function configPhase(ctx: TrackerContext, phaseId: string) {
  const phase = ctx.incident.phases.find((p) => p.id === phaseId);
  if (!phase) throw new ApiError(404, "not_found", `There is no phase "${phaseId}".`);
  return phase;
}

export async function updatePhase(
  ctx: TrackerContext,
  phaseId: string,
  patch: PhasePatch,
  actor: Actor,
  now: number,
): Promise<PhaseState> {
  const config = configPhase(ctx, phaseId);
  return inTransaction(ctx, now, async (trx) => {
    const row = await trx
      .selectFrom("tracker_phase")
      .selectAll()
      .where("incident_id", "=", ctx.incident.id)
      .where("phase_id", "=", phaseId)
      .executeTakeFirst();
    if (!row) throw new ApiError(404, "not_found", `There is no phase "${phaseId}".`);
    if (row.version !== patch.version) throw stale("phase", phaseState(row), row.updated_by);
    const before = phaseStatusOf(row, config.status);
    if (before === patch.status) return phaseState(row);
    if (patch.status === "done") {
      // A phase whose criteria fail right now would be reopened by the next evaluation;
      // say so now instead of letting it flap.
      const failing = await trx
        .selectFrom("tracker_criterion")
        .select(["criterion_id", "expr", "evaluated_at"])
        .where("incident_id", "=", ctx.incident.id)
        .where("phase_id", "=", phaseId)
        .where("result", "=", "fail")
        .execute();
      const current = failing.filter(
        (f) =>
          now - f.evaluated_at <= STALE_EVALUATION_MS &&
          config.successCriteria.some((c) => c.id === f.criterion_id && c.expr === f.expr),
      );
      if (current.length) {
        const names = current.map(
          (f) => config.successCriteria.find((c) => c.id === f.criterion_id)?.text ?? f.criterion_id,
        );
        throw new ApiError(
          409,
          "criteria_failing",
          `${config.name} cannot be closed while its success criteria fail: ${names.join("; ")}.`,
          { current: phaseState(row) },
        );
      }
    }
    const result = await trx
      .updateTable("tracker_phase")
      .set({ status: patch.status, version: row.version + 1, updated_at: now, updated_by: actor.name })
      .where("incident_id", "=", ctx.incident.id)
      .where("phase_id", "=", phaseId)
      .where("version", "=", patch.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      // Another transaction committed between our read and our write (PostgreSQL lets both
      // read): the 409 carries what it wrote, read again.
      const current = await trx
        .selectFrom("tracker_phase")
        .selectAll()
        .where("incident_id", "=", ctx.incident.id)
        .where("phase_id", "=", phaseId)
        .executeTakeFirst();
      throw stale("phase", current ? phaseState(current) : null, current?.updated_by ?? "someone else");
    }
    await writeAudit(trx, {
      incidentId: ctx.incident.id,
      at: now,
      actor,
      entity: "phase",
      phaseId,
      entityId: phaseId,
      change: "update",
      summary: `${config.name}: status ${before} → ${patch.status}`,
      before: { status: before },
      after: { status: patch.status },
    });
    return {
      id: phaseId,
      status: patch.status,
      version: row.version + 1,
      updatedAt: new Date(now).toISOString(),
      updatedBy: actor.name,
    };
  });
}

export async function actionRow(trx: Db, ctx: TrackerContext, phaseId: string, actionId: string): Promise<ActionRow> {
  const row = await trx
    .selectFrom("tracker_action")
    .selectAll()
    .where("incident_id", "=", ctx.incident.id)
    .where("phase_id", "=", phaseId)
    .where("action_id", "=", actionId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!row) throw new ApiError(404, "not_found", `Phase "${phaseId}" has no action "${actionId}".`);
  return row;
}

/** The 409 for a write that lost to a concurrent one: with the winner's state, read again. */
async function lostRace(trx: Db, ctx: TrackerContext, row: ActionRow): Promise<ApiError> {
  const current = await trx
    .selectFrom("tracker_action")
    .selectAll()
    .where("incident_id", "=", ctx.incident.id)
    .where("phase_id", "=", row.phase_id)
    .where("action_id", "=", row.action_id)
    .executeTakeFirst();
  return stale("action", current ? actionView(current) : null, current?.updated_by ?? "someone else");
}

export async function createAction(
  ctx: TrackerContext,
  phaseId: string,
  input: ActionCreate,
  actor: Actor,
  now: number,
): Promise<ActionView> {
  configPhase(ctx, phaseId);
  return inTransaction(ctx, now, async (trx) => {
    const last = await trx
      .selectFrom("tracker_action")
      .select((eb) => eb.fn.max("position").as("max"))
      .where("incident_id", "=", ctx.incident.id)
      .where("phase_id", "=", phaseId)
      .executeTakeFirst();
    // Added actions sort after the config's, in the order they were added.
    const position = Math.max(1_000, Number(last?.max ?? 0) + 1);
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
    const fields = storedFields(row);
    await writeAudit(trx, {
      incidentId: ctx.incident.id,
      at: now,
      actor,
      entity: "action",
      phaseId,
      entityId: row.action_id,
      change: "create",
      summary: `added action "${input.title}"`,
      before: null,
      after: fields,
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
  configPhase(ctx, phaseId);
  return inTransaction(ctx, now, async (trx) => {
    const row = await actionRow(trx, ctx, phaseId, actionId);
    if (row.version !== patch.version) throw stale("action", actionView(row), row.updated_by);
    const cur = storedFields(row);
    const before: Partial<ActionFields> = {};
    const after: Partial<ActionFields> = {};
    for (const f of ACTION_FIELDS) {
      const next = patch[f];
      if (next === undefined || same(next, cur[f])) continue;
      Object.assign(before, { [f]: cur[f] });
      Object.assign(after, { [f]: next });
    }
    if (Object.keys(after).length === 0) return actionView(row);
    const { links, ...rest } = after;
    const result = await trx
      .updateTable("tracker_action")
      .set({
        ...rest,
        ...(links ? { links: JSON.stringify(links) } : {}),
        version: row.version + 1,
        updated_at: now,
        updated_by: actor.name,
      })
      .where("incident_id", "=", ctx.incident.id)
      .where("phase_id", "=", phaseId)
      .where("action_id", "=", actionId)
      .where("version", "=", patch.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw await lostRace(trx, ctx, row);
    const changes = Object.entries(after).map(
      ([f, v]) => `${f} ${JSON.stringify(before[f as keyof ActionFields] ?? null)} → ${JSON.stringify(v)}`,
    );
    await writeAudit(trx, {
      incidentId: ctx.incident.id,
      at: now,
      actor,
      entity: "action",
      phaseId,
      entityId: actionId,
      change: "update",
      summary: `"${row.title}": ${changes.join(", ")}`,
      before,
      after,
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
  configPhase(ctx, phaseId);
  await inTransaction(ctx, now, async (trx) => {
    const row = await actionRow(trx, ctx, phaseId, actionId);
    if (row.version !== version) throw stale("action", actionView(row), row.updated_by);
    const result = await trx
      .updateTable("tracker_action")
      .set({ deleted_at: now, version: row.version + 1, updated_at: now, updated_by: actor.name })
      .where("incident_id", "=", ctx.incident.id)
      .where("phase_id", "=", phaseId)
      .where("action_id", "=", actionId)
      .where("version", "=", version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw await lostRace(trx, ctx, row);
    await writeAudit(trx, {
      incidentId: ctx.incident.id,
      at: now,
      actor,
      entity: "action",
      phaseId,
      entityId: actionId,
      change: "delete",
      summary: `removed action "${row.title}"`,
      before: storedFields(row),
      after: null,
    });
  });
}

/**
 * Settles a config conflict: keep the page's value (the config's becomes the new base, so it
 * is not reported again) or take the config's (the stored value changes, audited).
 */
export async function resolveConflict(
  ctx: TrackerContext,
  conflictId: string,
  keep: "store" | "config",
  actor: Actor,
  now: number,
): Promise<void> {
  await inTransaction(ctx, now, async (trx) => {
    const c = await trx
      .selectFrom("tracker_conflict")
      .selectAll()
      .where("id", "=", conflictId)
      .where("incident_id", "=", ctx.incident.id)
      .executeTakeFirst();
    if (!c) throw new ApiError(404, "not_found", `There is no conflict "${conflictId}".`);
    if (c.resolved_at !== null)
      throw new ApiError(
        409,
        "already_resolved",
        `This conflict was resolved by ${c.resolved_by ?? "someone"} already.`,
      );
    const phase = configPhase(ctx, c.phase_id);
    const where = { incident: ctx.incident.id, phase: c.phase_id };
    if (!c.action_id) {
      const row = await trx
        .selectFrom("tracker_phase")
        .selectAll()
        .where("incident_id", "=", where.incident)
        .where("phase_id", "=", where.phase)
        .executeTakeFirst();
      if (row) {
        const next = keep === "config" ? phase.status : row.status;
        await trx
          .updateTable("tracker_phase")
          .set({
            status: next,
            base_status: phase.status,
            version: row.version + (next === row.status ? 0 : 1),
            updated_at: now,
            updated_by: actor.name,
          })
          .where("incident_id", "=", where.incident)
          .where("phase_id", "=", where.phase)
          .execute();
      }
    } else {
      const row = await trx
        .selectFrom("tracker_action")
        .selectAll()
        .where("incident_id", "=", where.incident)
        .where("phase_id", "=", where.phase)
        .where("action_id", "=", c.action_id)
        .executeTakeFirst();
      const cfg = phase.actions.find((a) => a.id === c.action_id);
      if (row)
        await settleAction(
          trx,
          row,
          cfg
            ? { title: cfg.title, owner: cfg.owner, status: cfg.status, due: cfg.due ?? null, links: cfg.links }
            : null,
          c.field,
          keep,
          actor,
          now,
        );
    }
    await trx
      .updateTable("tracker_conflict")
      .set({ resolved_at: now, resolved_by: actor.name, resolution: keep })
      .where("id", "=", conflictId)
      .execute();
    await writeAudit(trx, {
      incidentId: ctx.incident.id,
      at: now,
      actor,
      entity: "conflict",
      phaseId: c.phase_id,
      entityId: conflictId,
      change: "resolve",
      summary: `config conflict on ${c.action_id ? `action "${c.action_id}"` : `phase "${c.phase_id}"`} (${c.field}) resolved: kept the ${keep === "store" ? "page's value" : "config's value"}`,
      before: { [c.field]: c.store_value === null ? null : (JSON.parse(c.store_value) as unknown) },
      after: {
        [c.field]:
          keep === "store"
            ? c.store_value === null
              ? null
              : (JSON.parse(c.store_value) as unknown)
            : c.config_value === null
              ? null
              : (JSON.parse(c.config_value) as unknown),
      },
    });
  });
}

/** The stored change that settles an action's conflict; null when nothing changes. */
function settlement(
  row: ActionRow,
  cfg: ActionFields | null,
  field: string,
  keep: "store" | "config",
  actor: Actor,
  now: number,
): Partial<ActionRow> | null {
  const bump = { version: row.version + 1, updated_at: now, updated_by: actor.name };
  if (field === "removed") {
    // Gone from the config: keeping it makes it the page's own action; otherwise it goes.
    if (cfg === null) return keep === "store" ? { source: "ui", base: null } : { deleted_at: now, ...bump };
    if (keep === "store") return { base: JSON.stringify(cfg) };
    return {
      ...cfg,
      links: JSON.stringify(cfg.links),
      source: "config",
      base: JSON.stringify(cfg),
      deleted_at: null,
      ...bump,
    };
  }
  const f = ACTION_FIELDS.find((x) => x === field);
  if (cfg === null || !f) return null;
  const base = JSON.stringify({ ...(parseBase(row.base) ?? cfg), [f]: cfg[f] });
  if (keep === "store") return { base };
  return { [f]: f === "links" ? JSON.stringify(cfg.links) : cfg[f], base, ...bump };
}

async function settleAction(
  trx: Db,
  row: ActionRow,
  cfg: ActionFields | null,
  field: string,
  keep: "store" | "config",
  actor: Actor,
  now: number,
): Promise<void> {
  const set = settlement(row, cfg, field, keep, actor, now);
  if (!set) return;
  await trx
    .updateTable("tracker_action")
    .set(set)
    .where("incident_id", "=", row.incident_id)
    .where("phase_id", "=", row.phase_id)
    .where("action_id", "=", row.action_id)
    .execute();
}
