import "server-only";
import { getStagingConfig } from "@/lib/config/staging-config";
import type { TrackerPhase } from "@/lib/tracker/core";
import { getStore, type Store } from "@/lib/store/db";
import { trackerPhases } from "./overlay";
import { loadRows, type TrackerRows } from "./store";
import { syncIfNeeded } from "./sync";
import type { Incident } from "./types";

/** Where the tracker lives: the store and the config's incident. Tests pass their own. */
export interface TrackerContext {
  store: Store;
  incident: Incident;
}

export async function defaultTrackerContext(): Promise<TrackerContext> {
  return { store: await getStore(), incident: getStagingConfig().incident };
}

/** The stored rows, after making sure the current config has been synced into them. */
export async function readTracker(ctx: TrackerContext, now: number): Promise<TrackerRows> {
  await syncIfNeeded(ctx.store.db, ctx.incident, now);
  return loadRows(ctx.store.db, ctx.incident.id);
}

/** The phases as they stand now (config structure, stored status and actions). */
export async function currentPhases(ctx: TrackerContext, now: number): Promise<TrackerPhase[]> {
  const rows = await readTracker(ctx, now);
  return trackerPhases(ctx.incident, rows.phases, rows.actions);
}
