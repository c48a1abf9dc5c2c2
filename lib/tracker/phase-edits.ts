import "server-only";
import { criteriaForbiddingClose } from "./closing-guard";
import { EditRefused, notFound, staleVersion } from "./edit-refused";
import { failingCriteria, findPhase, phaseKey, setPhase, type PhaseKey } from "./edit-queries";
import { configPhase, inEditTransaction } from "./edit-transaction";
import { phaseStatusOf } from "./overlay";
import type { PhasePatch } from "./schemas";
import type { TrackerContext } from "./state";
import type { Actor } from "@/lib/store/core/audit";
import { writeAudit } from "@/lib/store/audit";
import type { Db, PhaseRow } from "./store";
import type { PhaseState } from "./types";
import { STALE_EVALUATION_MS } from "./view";

/**
 * A phase's status set by hand: based on a version (an older one is refused with the current
 * state instead of overwriting someone else's change), audited in the same transaction.
 */

const phaseState = (row: PhaseRow): PhaseState => ({
  id: row.phase_id,
  status: row.status,
  version: row.version,
  updatedAt: new Date(row.updated_at).toISOString(),
  updatedBy: row.updated_by,
});

export async function updatePhase(
  ctx: TrackerContext,
  phaseId: string,
  patch: PhasePatch,
  actor: Actor,
  now: number,
): Promise<PhaseState> {
  const config = configPhase(ctx, phaseId);
  const key = phaseKey(ctx.incident.id, phaseId);
  return inEditTransaction(ctx, now, async (trx) => {
    const row = await findPhase(trx, key);
    if (!row) throw notFound(`There is no phase "${phaseId}".`);
    if (row.version !== patch.version) throw staleVersion("phase", phaseState(row), row.updated_by);
    const before = phaseStatusOf(row, config.status);
    if (before === patch.status) return phaseState(row);
    if (patch.status === "done") {
      const names = criteriaForbiddingClose(await failingCriteria(trx, key), config, now, STALE_EVALUATION_MS);
      if (names.length)
        throw new EditRefused(
          "criteria_failing",
          `${config.name} cannot be closed while its success criteria fail: ${names.join("; ")}.`,
          phaseState(row),
        );
    }
    const next = { status: patch.status, version: row.version + 1, updated_at: now, updated_by: actor.name };
    if ((await setPhase(trx, key, next, patch.version)) !== 1) throw await lostRace(trx, key);
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
    return phaseState({ ...row, ...next });
  });
}

/**
 * Another transaction committed between our read and our write (PostgreSQL lets both read):
 * the refusal carries what it wrote, read again.
 */
async function lostRace(trx: Db, key: PhaseKey): Promise<EditRefused> {
  const current = await findPhase(trx, key);
  return staleVersion("phase", current ? phaseState(current) : null, current?.updated_by ?? "someone else");
}
