import { formatDurationWords } from "@/lib/core/format";
import { failText } from "./plain-text";
import type { CheckStatus, ReadinessCheckInput, ReadinessReason, WorkInProgress } from "./types";

function evidenceAge(check: ReadinessCheckInput, now: Date): number | null {
  const at = check.evaluation?.measuredAt ? Date.parse(check.evaluation.measuredAt) : Number.NaN;
  return Number.isNaN(at) ? null : Math.max(0, Math.round((now.getTime() - at) / 1_000));
}

/**
 * Old evidence is `stale` whatever it said: a pass from 20 minutes ago proves nothing about
 * now, and a fail from then may be fixed, so neither decides GO or NO-GO.
 */
export function checkStatus(
  check: ReadinessCheckInput,
  now: Date,
): { status: CheckStatus; evidenceAge: number | null } {
  const age = evidenceAge(check, now);
  const ev = check.evaluation;
  if (!ev) return { status: "unknown", evidenceAge: age };
  if (age !== null && age > check.maxAgeSeconds) return { status: "stale", evidenceAge: age };
  if (ev.result === "unknown") {
    return { status: ev.terms.some((t) => t.cause === "stale") ? "stale" : "unknown", evidenceAge: age };
  }
  // A decided result always has a measurement time; without one it cannot be trusted.
  if (age === null) return { status: "unknown", evidenceAge: null };
  return { status: ev.result, evidenceAge: age };
}

function unknownText(check: ReadinessCheckInput): string {
  if (!check.evaluation) return `${check.label}: not checked yet, so we cannot promise it works.`;
  const causes = check.evaluation.terms.map((t) => t.cause);
  const nothing = causes.every((c) => c === undefined || c === "missing" || c === "null");
  return nothing
    ? `${check.label}: unknown — there is no measurement, so we cannot promise it works.`
    : `${check.label}: unknown — the measurement could not be trusted, so we cannot promise it works.`;
}

function staleText(check: ReadinessCheckInput, age: number | null): string {
  const when = age === null ? "a while ago" : `${formatDurationWords(age)} ago`;
  const then = check.evaluation?.result === "fail" ? " It was failing then." : "";
  return `${check.label}: not confirmed — the last check was ${when} (it must be under ${formatDurationWords(check.maxAgeSeconds)} old).${then}`;
}

export function reasonFor(check: ReadinessCheckInput, now: Date, work: WorkInProgress | undefined): ReadinessReason {
  const { status, evidenceAge: age } = checkStatus(check, now);
  const base = { checkId: check.id, label: check.label, severity: check.severity, status, evidenceAge: age };
  switch (status) {
    case "pass":
      return {
        ...base,
        text: `${check.label}: yes${age === null ? "" : ` (checked ${formatDurationWords(age)} ago)`}.`,
      };
    case "fail":
      return { ...base, text: failText(check.label, check.evaluation?.terms ?? [], work) };
    case "stale":
      return { ...base, text: staleText(check, age) };
    case "unknown":
      return { ...base, text: unknownText(check) };
  }
}
