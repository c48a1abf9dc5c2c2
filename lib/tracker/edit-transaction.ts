import "server-only";
import type { PhaseConfig } from "@/lib/config/core/staging-schema";
import { notFound } from "./edit-refused";
import type { TrackerContext } from "./state";
import type { Db } from "./store";
import { syncIfNeeded } from "./sync";

/** What every edit does first: find the phase in the config, then work in one transaction. */

export async function inEditTransaction<T>(
  ctx: TrackerContext,
  now: number,
  work: (trx: Db) => Promise<T>,
): Promise<T> {
  // The rows an edit addresses exist only once the config has been synced into the store.
  await syncIfNeeded(ctx.store.db, ctx.incident, now);
  return ctx.store.db.transaction().execute(work);
}

export function configPhase(ctx: TrackerContext, phaseId: string): PhaseConfig {
  const phase = ctx.incident.phases.find((p) => p.id === phaseId);
  if (!phase) throw notFound(`There is no phase "${phaseId}".`);
  return phase;
}
