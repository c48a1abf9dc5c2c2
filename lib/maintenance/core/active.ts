import type { MaintenanceScope, MaintenanceWindow } from "@/lib/config/core/maintenance/types";

/** Is the window running at `t`? Start inclusive, end exclusive: a window ending at 14:00 is over at 14:00. */
export const isActiveAt = (w: MaintenanceWindow, t: number): boolean => w.startsAt <= t && t < w.endsAt;

/** Every window running at `t`, the one ending last first. */
export function activeAt(windows: readonly MaintenanceWindow[], t: number): MaintenanceWindow[] {
  return windows.filter((w) => isActiveAt(w, t)).sort((a, b) => b.endsAt - a.endsAt || a.id.localeCompare(b.id));
}

/**
 * The window that puts something with these scopes in maintenance at `t`, or null. Of several,
 * the one that ends last: it is the one that says when the thing is out of maintenance again.
 */
export function windowFor(
  windows: readonly MaintenanceWindow[],
  scopes: readonly MaintenanceScope[],
  t: number,
): MaintenanceWindow | null {
  return activeAt(windows, t).find((w) => scopes.includes(w.scope)) ?? null;
}

/**
 * Milliseconds of [from, to) inside at least one of the windows that cover these scopes
 * (overlapping windows are counted once): what an SLO with `excludeMaintenance` leaves out.
 */
export function coveredMs(
  windows: readonly MaintenanceWindow[],
  scopes: readonly MaintenanceScope[],
  from: number,
  to: number,
): number {
  const spans = windows
    .filter((w) => scopes.includes(w.scope))
    .map((w) => [Math.max(from, w.startsAt), Math.min(to, w.endsAt)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of spans) {
    const start = Math.max(a, end);
    if (b > start) total += b - start;
    end = Math.max(end, b);
  }
  return total;
}
