import type { ProbeEvidence } from "@/lib/probes/core/evidence";
import { rehearsalText, type RehearsalBrief } from "@/lib/rehearsal/core/brief";
import type { NotificationEvent } from "./events";

/**
 * The demo rehearsal as an alert (event `rehearsal`): its browser probe's flap-controlled state
 * in the rehearsal's words. The state comes from the probe, never from the last run alone, so a
 * rehearsal that stopped running is unknown, not still passing.
 */

export const rehearsalSubject = (probe: string) => `rehearsal:${probe}`;

/** passed / failed / unknown (stale or never run); flapping or a state this code does not know stays as it is (a ticket, never info). */
export function rehearsalState(p: ProbeEvidence): string {
  if (p.stale || p.status === "unknown") return "unknown";
  if (p.status === "up") return "passed";
  if (p.status === "down" || p.status === "missing") return "failed";
  return p.status;
}

function reasonOf(p: ProbeEvidence, to: string, brief: RehearsalBrief | null): string {
  const label = `Demo rehearsal ${p.name}`;
  // The latest run's words only when it says the same as the state (an old pass never reads as a pass).
  if (brief && brief.status === to) return `${rehearsalText(label, brief)}.`;
  if (to === "unknown") return `${label} has no current result.`;
  return `${label} ${to}${p.lastError && to !== "passed" ? `: ${p.lastError}` : ""}.`;
}

export function rehearsalEvent(
  id: string,
  from: string | null,
  p: ProbeEvidence,
  brief: RehearsalBrief | null,
  at: number,
  baseUrl: string | null,
): NotificationEvent {
  const to = rehearsalState(p);
  return {
    event: "rehearsal.changed",
    id,
    subject: rehearsalSubject(p.name),
    from,
    to,
    changedAt: new Date(at).toISOString(),
    reasons: [reasonOf(p, to, brief)],
    likelyCause: null,
    url: baseUrl ? new URL(`/probes/${encodeURIComponent(p.name)}`, baseUrl).toString() : null,
  };
}
