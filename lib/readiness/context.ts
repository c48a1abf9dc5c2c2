import "server-only";
import { getStagingConfig } from "@/lib/config/staging-config";
import type { OpenAction, WorkInProgress } from "@/lib/readiness/core";
import type { RehearsalBrief } from "@/lib/rehearsal/core/brief";
import { noteOf, type MaintenanceNote } from "@/lib/config/core/maintenance/types";
import { windowsRunningAt } from "@/lib/maintenance/windows";
import { rehearsalBriefs } from "@/lib/rehearsal/briefs";
import { probeSummaries } from "@/lib/probes/store/queries";
import { getStore } from "@/lib/store/db";
import { getTrackerView } from "@/lib/tracker/service";
import { openActionsOf } from "@/lib/tracker/summarize";
import type { TrackerView } from "@/lib/tracker/types";

/**
 * What the verdict's wording and the demo-time risk need besides the checks: who is working
 * on the incident, its open actions, and which probes went up and down in the last hour.
 * A source that cannot be read leaves its part out; it never changes the verdict itself.
 */

export interface VerdictContext {
  workInProgress?: WorkInProgress;
  openActions: OpenAction[];
  flappingProbesLastHour: string[];
  /** The latest demo rehearsal behind each check that reads one, for its wording. */
  rehearsals?: Record<string, RehearsalBrief>;
  /** Maintenance windows running now; null when they could not be read (then never GO either). */
  maintenance?: MaintenanceNote[] | null;
}

const HOUR_MS = 3_600_000;

/** Pure: the team of the current phase while it is actually being worked on, and every open action. */
export function trackerContext(view: TrackerView, now: number): Pick<VerdictContext, "workInProgress" | "openActions"> {
  const current = view.phases.find((p) => p.id === view.progress.currentPhaseId);
  const blocking = new Set(view.phases.filter((p) => p.blocking && p.status !== "done").map((p) => p.id));
  return {
    ...(current && current.effective.status === "active"
      ? { workInProgress: { team: current.ownerTeam, phaseOrder: current.order } }
      : {}),
    openActions: openActionsOf(view, now).map((a) => ({
      title: a.title,
      ownerTeam: a.owner,
      due: a.due,
      phaseOrder: a.phase.order,
      phaseBlocking: blocking.has(a.phase.id),
    })),
  };
}

const isUp = (s: string) => s === "up";

/** Pure: probes that changed between up and not up at least twice in the window (went up and down). */
export function wentUpAndDown(changes: readonly { probe: string; from_status: string; to_status: string }[]): string[] {
  const counts = new Map<string, number>();
  for (const c of changes) {
    if (c.from_status === "unknown" || isUp(c.from_status) === isUp(c.to_status)) continue;
    counts.set(c.probe, (counts.get(c.probe) ?? 0) + 1);
  }
  return [...counts].filter(([, n]) => n >= 2).map(([p]) => p);
}

async function flappingProbes(now: number): Promise<string[]> {
  const [summaries, store] = await Promise.all([probeSummaries(now), getStore()]);
  const changes = await store.db
    .selectFrom("probe_state_change")
    .select(["probe", "from_status", "to_status"])
    .where("at", ">=", now - HOUR_MS)
    .where("at", "<=", now)
    .execute();
  const names = new Set([...summaries.filter((s) => s.flapping).map((s) => s.name), ...wentUpAndDown(changes)]);
  return [...names].sort();
}

function warn(what: string) {
  return (err: unknown) => {
    console.error(`Readiness: ${what} could not be read`, err);
    return null;
  };
}

export async function verdictContext(now: number): Promise<VerdictContext> {
  const [view, flapping, rehearsals, maintenance] = await Promise.all([
    getTrackerView(now).catch(warn("the tracker")),
    flappingProbes(now).catch(warn("the probe history")),
    getStore()
      .then((store) => rehearsalBriefs(store.db, getStagingConfig()))
      .catch(warn("the demo rehearsals")),
    windowsRunningAt(now)
      .then((ws) => ws.map(noteOf))
      .catch(warn("the maintenance windows")),
  ]);
  return {
    ...(view ? trackerContext(view, now) : { openActions: [] }),
    flappingProbesLastHour: flapping ?? [],
    ...(rehearsals ? { rehearsals } : {}),
    maintenance,
  };
}
