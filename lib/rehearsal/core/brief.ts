import { formatClock, formatMs } from "@/lib/core/format";

/**
 * The readiness line of a demo rehearsal, in the presenter's terms: "Demo rehearsal: 6 of 6
 * steps passed at 14:02 UTC, 4.1 s". Step names come from the config's `name` fields (written
 * for people); an unnamed step is only counted, since its selector is for engineers.
 */

export interface RehearsalBrief {
  status: "passed" | "failed" | "unknown";
  startedAt: string;
  durationMs: number;
  totalSteps: number;
  passedSteps: number;
  /** 1-based. */
  failedStep: number | null;
  failedStepName: string | null;
}

/** `onIt` is the already-worded "; the … team is on it (phase N)" clause, or nothing. */
export function rehearsalText(label: string, brief: RehearsalBrief, onIt = ""): string {
  const at = formatClock(brief.startedAt);
  if (brief.status === "passed")
    return `${label}: ${brief.passedSteps} of ${brief.totalSteps} steps passed at ${at}, ${formatMs(brief.durationMs)}`;
  if (brief.status === "unknown")
    return `${label}: not rehearsed — the server has no browser to rehearse with (last try ${at})`;
  const step =
    brief.failedStep === null
      ? "a step"
      : `step ${brief.failedStep} of ${brief.totalSteps}${brief.failedStepName ? ` (“${brief.failedStepName}”)` : ""}`;
  return `${label}: failed at ${step} at ${at}; ${brief.passedSteps} of ${brief.totalSteps} steps passed${onIt}`;
}
