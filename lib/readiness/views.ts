import { scrubInternal } from "@/lib/readiness/core";
import { verdictFor, type Evaluated } from "./evaluate";
import type { ReadinessView, SharedReadiness } from "./types";

/** The signed-in view: verdict, reasons, demo-time risk, and the evidence behind each check. */
export function readinessView(e: Evaluated, demoAt?: Date): ReadinessView {
  const v = verdictFor(e, demoAt);
  return {
    verdict: v.verdict,
    summary: v.summary,
    reasons: v.reasons,
    checkedAt: v.checkedAt,
    ...(demoAt ? { demoAt: demoAt.toISOString(), demoRisk: v.demoRisk ?? [] } : {}),
    evidence: e.checks.map((c) => c.evidence),
    ...(v.maintenance ? { maintenance: v.maintenance } : {}),
    since: e.since === null ? null : new Date(e.since).toISOString(),
    changes: e.changes,
  };
}

/**
 * The public view behind a share link: the verdict and its plain-language reasons only — no
 * evidence, expressions, probe names, demo risks or change history. Every text is scrubbed
 * once more, labels included, because labels are written by people.
 */
export function sharedView(e: Evaluated, expiresAt: number): SharedReadiness {
  const v = e.verdict;
  return {
    verdict: v.verdict,
    summary: scrubInternal(v.summary),
    checkedAt: v.checkedAt,
    reasons: v.reasons.map((r) => ({
      label: scrubInternal(r.label),
      severity: r.severity,
      status: r.status,
      text: scrubInternal(r.text),
    })),
    expiresAt: new Date(expiresAt).toISOString(),
  };
}
