import { budgetGateReason } from "./budget-gate";
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

  const verdict: Verdict = reasons.some((r) => r.severity === "blocker" && r.status === "fail")
    ? "NO-GO"
    : // A budget gate only ever holds GO back: with no checks, nothing was confirmed.
      checks.length > 0 && reasons.every((r) => r.status === "pass")
      ? "GO"
      : "CAUTION";

  return {
    verdict,
    summary: checks.length ? SUMMARY[verdict] : "No readiness checks are configured, so nothing is confirmed.",
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
