import { formatClock, formatMs } from "@/lib/health/format";
import { onItClause } from "./plain-text";
import type { DemoVerdict, ReadinessReason, WorkInProgress } from "./types";

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

export function rehearsalText(label: string, brief: RehearsalBrief, work?: WorkInProgress): string {
  const at = formatClock(brief.startedAt);
  if (brief.status === "passed")
    return `${label}: ${brief.passedSteps} of ${brief.totalSteps} steps passed at ${at}, ${formatMs(brief.durationMs)}`;
  if (brief.status === "unknown")
    return `${label}: not rehearsed — the server has no browser to rehearse with (last try ${at})`;
  const step =
    brief.failedStep === null
      ? "a step"
      : `step ${brief.failedStep} of ${brief.totalSteps}${brief.failedStepName ? ` (“${brief.failedStepName}”)` : ""}`;
  return `${label}: failed at ${step} at ${at}; ${brief.passedSteps} of ${brief.totalSteps} steps passed${onItClause(work)}`;
}

/**
 * Rewords the rehearsal checks of a verdict from their latest run. Only the words change: the
 * status comes from the check (fresh probe state), so a stale or missing rehearsal stays
 * unknown or stale whatever its last run said, and an old pass is never shown as a pass.
 */
export function withRehearsalText(
  verdict: DemoVerdict,
  briefs: Readonly<Record<string, RehearsalBrief>> | undefined,
  work?: WorkInProgress,
): DemoVerdict {
  if (!briefs) return verdict;
  const reasons = verdict.reasons.map((r): ReadinessReason => {
    const brief = briefs[r.checkId];
    if (!brief) return r;
    const agrees =
      (r.status === "pass" && brief.status === "passed") ||
      (r.status === "fail" && brief.status === "failed") ||
      (r.status === "unknown" && brief.status === "unknown");
    return agrees ? { ...r, text: rehearsalText(r.label, brief, work) } : r;
  });
  return { ...verdict, reasons };
}
