import { windowFor } from "./active";
import { formatClock, formatDateTime } from "@/lib/core/format";
import { probeScopes, scopeWords, STAGING_SCOPES } from "@/lib/config/core/maintenance/scope";
import { noteOf, type MaintenanceNote, type MaintenanceWindow } from "@/lib/config/core/maintenance/types";

/**
 * How running windows touch a verdict's inputs: which probes sit in one (their findings are
 * held: shown, not deciding), whether the staging-wide metrics do (only "everything" covers
 * start-ups of all services, Cloud SQL and the connector), and the window to show beside the
 * verdict — the one covering staging, else the first covering a probe the verdict reads.
 */
export type MaintenanceSplit<P> = {
  openProbes: P[];
  heldProbes: P[];
  metricsHeld: boolean;
  note: MaintenanceNote | null;
};

export function maintenanceSplit<P extends { name: string; service?: string | null; impact: unknown }>(
  windows: readonly MaintenanceWindow[],
  probes: readonly P[],
  now: number,
): MaintenanceSplit<P> {
  const staging = windowFor(windows, STAGING_SCOPES, now);
  const openProbes: P[] = [];
  const heldProbes: P[] = [];
  let first: MaintenanceWindow | null = null;
  for (const p of probes) {
    const w = windowFor(windows, probeScopes({ name: p.name, service: p.service ?? undefined }), now);
    if (w) heldProbes.push(p);
    else openProbes.push(p);
    // A probe the verdict does not read (no impact) cannot put the verdict in maintenance.
    if (w && p.impact !== null) first ??= w;
  }
  const shown = staging ?? first;
  return { openProbes, heldProbes, metricsHeld: staging !== null, note: shown ? noteOf(shown) : null };
}

/** The verdict's maintenance line: "In maintenance until 14:30 UTC (probe backend-health): Connector migration". */
export function maintenanceReason(note: MaintenanceNote, now: number): string {
  const soon = Date.parse(note.endsAt) - now < 12 * 3_600_000;
  const until = soon ? formatClock(note.endsAt) : formatDateTime(note.endsAt);
  return `In maintenance until ${until} (${scopeWords(note.scope)}): ${note.reason}`;
}
