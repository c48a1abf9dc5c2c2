import "server-only";
import { getTrackerView } from "./service";
import { openActionsOf, summaryOf, type OpenAction, type TrackerSummary } from "./summarize";

/**
 * The tracker in a few fields, for the Overview (phase progress, what blocks it) and demo
 * readiness (blocking phases, open actions with due dates). Both evaluate first when the
 * stored results are older than 30 s (one shared run per process).
 */

export type { OpenAction, PhaseRef, TrackerSummary } from "./summarize";

export async function trackerSummary(now: number): Promise<TrackerSummary> {
  return summaryOf(await getTrackerView(now));
}

export async function openActions(now: number = Date.now()): Promise<OpenAction[]> {
  return openActionsOf(await getTrackerView(now), now);
}
