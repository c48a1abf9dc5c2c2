import { rehearsalText, type RehearsalBrief } from "@/lib/rehearsal/core/brief";
import { onItClause } from "./plain-text";
import type { DemoVerdict, ReadinessReason, WorkInProgress } from "./types";

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
    return agrees ? { ...r, text: rehearsalText(r.label, brief, onItClause(work)) } : r;
  });
  return { ...verdict, reasons };
}
