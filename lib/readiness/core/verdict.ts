import { budgetGateReason } from "./budget-gate";
import { formatClock, formatDateTime } from "@/lib/core/format";
import type { MaintenanceNote } from "@/lib/config/core/maintenance/types";
import { reasonFor } from "./check-status";
import { demoRisks } from "./demo-risk";
import { scrubInternal } from "./scrub";
import type { DemoVerdict, DemoVerdictOptions, ReadinessCheckInput, ReadinessReason, Verdict } from "./types";

const SUMMARY: Readonly<Record<Verdict, string>> = {
  GO: "Ready to demo: every essential check passed just now.",
  CAUTION: "Demo possible, with risk: read the reasons below before the call.",
  "NO-GO": "Not ready for a demo: something essential is not working.",
};

function rank(r: ReadinessReason): number {
  const bad = r.status === "fail" ? 0 : r.status === "pass" ? 4 : 2;
  return bad + (r.status !== "pass" && r.severity === "warning" ? 1 : 0);
}

/** For sales, and for the public share view: when planned work ends, not what it is about. */
function maintenanceSentence(windows: readonly MaintenanceNote[] | null, now: Date): string {
  if (windows === null) return "Whether staging is in planned maintenance could not be read.";
  const last = windows.reduce((end, w) => Math.max(end, Date.parse(w.endsAt)), now.getTime());
  const soon = last - now.getTime() < 12 * 3_600_000;
  return `Staging is in planned maintenance until ${soon ? formatClock(new Date(last)) : formatDateTime(new Date(last))}.`;
}

/**
 * The demo verdict. GO only when every check passes on fresh evidence; any failing blocker
 * is NO-GO; a failing warning, or anything stale or unknown, is CAUTION at best. No checks
 * at all is CAUTION: nothing was confirmed, so nothing may be promised.
 */
export function demoVerdict(
  checks: readonly ReadinessCheckInput[],
  now: Date,
  opts: DemoVerdictOptions = {},
): DemoVerdict {
  const reasons = [
    ...checks.map((c) => reasonFor(c, now, opts.workInProgress)),
    ...(opts.budgetGates ?? []).map((g) => budgetGateReason(g, now)),
  ]
    .map((r) => ({ ...r, text: scrubInternal(r.text) }))
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i)
    .map(({ r }) => r);

  const checked: Verdict = reasons.some((r) => r.severity === "blocker" && r.status === "fail")
    ? "NO-GO"
    : // A budget gate only ever holds GO back: with no checks, nothing was confirmed.
      checks.length > 0 && reasons.every((r) => r.status === "pass")
      ? "GO"
      : "CAUTION";
  // Maintenance (or not knowing whether there is any) never makes it GO, and never hides a NO-GO.
  const inMaintenance = opts.maintenance === null || (opts.maintenance?.length ?? 0) > 0;
  const verdict: Verdict = checked === "GO" && inMaintenance ? "CAUTION" : checked;
  const summary = checks.length ? SUMMARY[verdict] : "No readiness checks are configured, so nothing is confirmed.";

  return {
    verdict,
    summary: inMaintenance ? `${summary} ${maintenanceSentence(opts.maintenance ?? null, now)}` : summary,
    ...(opts.maintenance ? { maintenance: [...opts.maintenance] } : {}),
    reasons,
    checkedAt: now.toISOString(),
    ...(opts.demoAt
      ? {
          demoRisk: demoRisks(opts.demoAt, now, checks, opts.openActions ?? [], opts.flappingProbesLastHour ?? []).map(
            scrubInternal,
          ),
        }
      : {}),
  };
}
