import "server-only";
import { getStagingConfig } from "@/lib/config/staging-config";
import type { StagingConfig } from "@/lib/config/staging-schema";
import { activeAt, windowFor } from "@/lib/health/maintenance/active";
import { configWindows } from "@/lib/health/maintenance/config-windows";
import { subjectScopes } from "@/lib/health/maintenance/scope";
import type { MaintenanceWindow } from "@/lib/health/maintenance/types";
import { sloDefinitions } from "@/lib/health/slo/config";
import { getStore, type StoreDb } from "@/lib/store/db";
import { processSingleton } from "@/lib/server/singleton";
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

/**
 * THE question every notification path asks (today's webhooks, and the routing's
 * `held(event, channel)`): is this subject — "overview", "probe:<name>", "readiness",
 * "slo:<id>" — in maintenance at `t`, and under which window? Null when it is not.
 */
export async function maintenanceFor(subject: string, t: number): Promise<MaintenanceWindow | null> {
  const config = getStagingConfig();
  const deployed = config.services.filter((s) => s.deployed).map((s) => s.name);
  const slos = sloDefinitions(config.slo, deployed);
  const scopes = subjectScopes(subject, config.probes, (id) => slos.find((d) => d.id === id)?.service ?? null);
  return windowFor(await windowsRunningAt(t), scopes, t);
}
