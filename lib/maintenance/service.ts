import "server-only";
import { getStagingConfig } from "@/lib/config/staging-config";
import type { StagingConfig } from "@/lib/config/core/staging-schema";
import type { CreateMaintenanceInput } from "@/lib/config/core/maintenance/schemas";
import type { MaintenanceScope, MaintenanceWindow } from "@/lib/config/core/maintenance/types";
import { getStore } from "@/lib/store/db";
import type { Actor } from "@/lib/store/core/audit";
import { maintenanceHistory } from "./history";
import type { MaintenanceList, MaintenanceWindowView } from "./types";

export type { MaintenanceList, MaintenanceWindowView } from "./types";
import { createWindow, endWindow } from "./store";
import { forgetRunningWindows, windowsBetween } from "./windows";

const WEEK_MS = 7 * 86_400_000;

export const viewOf = (w: MaintenanceWindow): MaintenanceWindowView => ({
  id: w.id,
  scope: w.scope,
  reason: w.reason,
  startsAt: new Date(w.startsAt).toISOString(),
  endsAt: new Date(w.endsAt).toISOString(),
  createdBy: w.createdBy,
  source: w.source,
  recurrence: w.recurrence,
  endedEarly: w.endedEarly ? { by: w.endedEarly.by, at: new Date(w.endedEarly.at).toISOString() } : null,
});

export async function listMaintenance(now: number): Promise<MaintenanceList> {
  const { db } = await getStore();
  const [windows, history] = await Promise.all([
    windowsBetween(db, getStagingConfig(), now - WEEK_MS, now + WEEK_MS),
    maintenanceHistory(db, 50),
  ]);
  return {
    now: new Date(now).toISOString(),
    running: windows.filter((w) => w.startsAt <= now && now < w.endsAt).map(viewOf),
    planned: windows.filter((w) => w.startsAt > now).map(viewOf),
    recent: windows
      .filter((w) => w.endsAt <= now)
      .reverse()
      .map(viewOf),
    history,
  };
}

/** A scope must name something staging has: a typo would otherwise hold nothing, silently. */
function knownScope(config: StagingConfig, scope: MaintenanceScope): boolean {
  if (scope === "everything") return true;
  const [kind, name] = scope.split(":");
  return kind === "service" ? config.services.some((s) => s.name === name) : config.probes.some((p) => p.name === name);
}

/** A refusal the route turns into its answer: a 400 naming the field, 404 or 409. */
export type Refusal = { status: 400 | 404 | 409; field?: string; message: string };
export type Outcome = { ok: true; window: MaintenanceWindowView } | ({ ok: false } & Refusal);

export async function startMaintenance(input: CreateMaintenanceInput, actor: Actor, now: number): Promise<Outcome> {
  if (!knownScope(getStagingConfig(), input.scope))
    return {
      ok: false,
      status: 400,
      field: "scope",
      message: `no ${input.scope.replace(":", " named ")} in the staging config`,
    };
  const startsAt = input.startsAt ? Date.parse(input.startsAt) : now;
  if (startsAt + input.duration <= now)
    return { ok: false, status: 400, field: "startsAt", message: "the window would already be over" };
  const { db } = await getStore();
  const w = await createWindow(
    db,
    { scope: input.scope, reason: input.reason, startsAt, durationMs: input.duration },
    actor,
    now,
  );
  forgetRunningWindows();
  return { ok: true, window: viewOf(w) };
}

export async function endMaintenance(id: string, actor: Actor, now: number): Promise<Outcome> {
  const { db } = await getStore();
  const r = await endWindow(db, id, actor, now);
  if (!r.ok) return r;
  forgetRunningWindows();
  return { ok: true, window: viewOf(r.window) };
}
