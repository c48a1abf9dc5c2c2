import "server-only";
import { getStagingConfig } from "@/lib/config/staging-config";
import type { StagingConfig } from "@/lib/config/core/staging-schema";
import { activeAt } from "@/lib/maintenance/core/active";
import { configWindows } from "@/lib/maintenance/core/config-windows";
import { subjectScopes } from "@/lib/config/core/maintenance/scope";
import { maintenanceHold, type MaintenanceHold } from "@/lib/maintenance/core/held";
import type { MaintenanceScope, MaintenanceWindow } from "@/lib/config/core/maintenance/types";
import { sloDefinitions } from "@/lib/config/core/slo/config";
import { getStore, type StoreDb } from "@/lib/store/db";
import { processSingleton } from "@/lib/base/singleton";
import { storedWindows } from "./store";

/** Every window, from the config and the store, that overlaps [from, to), by start. */
export async function windowsBetween(
  db: StoreDb,
  config: StagingConfig,
  from: number,
  to: number,
): Promise<MaintenanceWindow[]> {
  const stored = await storedWindows(db, from, to);
  return [...configWindows(config.maintenance, from, to), ...stored].sort(
    (a, b) => a.startsAt - b.startsAt || a.id.localeCompare(b.id),
  );
}

type Held = { second: number; config: StagingConfig; windows: Promise<MaintenanceWindow[]> };
const slot = () => processSingleton<{ current?: Held }>("maintenance-windows", () => ({}));

/**
 * The windows running at `now`, read at most once per second per process: every verdict and
 * notification of that second sees the same array (so the one-second memos still hit), and a
 * window made or ended on another replica shows here within a second.
 */
export function windowsRunningAt(
  now: number,
  config: StagingConfig = getStagingConfig(),
): Promise<MaintenanceWindow[]> {
  const s = slot();
  const second = Math.floor(now / 1000);
  if (s.current && s.current.second === second && s.current.config === config) return s.current.windows;
  const windows = getStore()
    .then(({ db }) => windowsBetween(db, config, now, now + 1))
    .then((ws) => activeAt(ws, now));
  // A failed read is not kept: the next caller tries again.
  windows.catch(() => {
    if (s.current?.windows === windows) s.current = undefined;
  });
  s.current = { second, config, windows };
  return windows;
}

/** After this process made or ended a window: the next read goes to the store. */
export function forgetRunningWindows(): void {
  slot().current = undefined;
}

/** The scopes of a notification subject under this config ("slo:<id>:<rule>" is its SLO's). */
function scopesOfSubject(config: StagingConfig): (subject: string) => MaintenanceScope[] {
  const deployed = config.services.filter((s) => s.deployed).map((s) => s.name);
  const slos = sloDefinitions(config.slo, deployed);
  const sloServiceOf = (id: string) => slos.find((d) => d.id === id.split(":")[0])?.service ?? null;
  return (subject) => subjectScopes(subject, config.probes, sloServiceOf);
}

/** The same hold from the windows in this store and config at `t`, read now (no per-second memo). */
export async function maintenanceHoldIn(db: StoreDb, config: StagingConfig, t: number): Promise<MaintenanceHold> {
  return maintenanceHold(activeAt(await windowsBetween(db, config, t, t + 1), t), scopesOfSubject(config), t);
}

/**
 * THE question every notification path asks: which subjects are in maintenance at `t`, and
 * routing's `held(event, channel)` built from the same windows (lib/notifications/current.ts
 * passes it to routing). A failed read rejects: nothing is sent on a guess.
 */
export async function maintenanceHoldAt(
  t: number,
  config: StagingConfig = getStagingConfig(),
): Promise<MaintenanceHold> {
  return maintenanceHold(await windowsRunningAt(t, config), scopesOfSubject(config), t);
}
