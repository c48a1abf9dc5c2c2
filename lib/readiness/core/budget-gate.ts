import { formatDurationWords } from "@/lib/core/format";
import type { BudgetGate } from "@/lib/slo/core/budget-gate";
import type { ReadinessReason } from "./types";

/**
 * The error-budget policy on the demo verdict: an SLO marked `gatesDemos` whose budget is spent
 * makes readiness CAUTION at least ("error budget of <SLO> exhausted (−3% of 28 days)"). A gate
 * is a warning, so it never makes NO-GO by itself; but one that cannot be read (no figure, or a
 * stale one) is unknown or stale, which also keeps GO away — a budget nobody measured is not
 * a budget left.
 */

const percent = (share: number) => `${Math.round(share * 100)}%`.replace("-", "−");

export function budgetGateReason(gate: BudgetGate, now: Date): ReadinessReason {
  const age = gate.measuredAt === null ? null : Math.max(0, Math.round((now.getTime() - gate.measuredAt) / 1_000));
  const base = {
    checkId: `slo-budget:${gate.sloId}`,
    label: `Error budget of ${gate.label}`,
    severity: "warning" as const,
    evidenceAge: age,
  };
  const window = `${gate.windowDays} days`;
  if (gate.remaining === null)
    return {
      ...base,
      status: "unknown",
      text: `Error budget of ${gate.label}: unknown — there is no measurement, so we cannot promise it is left.`,
    };
  if (gate.stale)
    return {
      ...base,
      status: "stale",
      text: `Error budget of ${gate.label}: not confirmed — the last figure is ${age === null ? "old" : `${formatDurationWords(age)} old`}.`,
    };
  if (gate.remaining <= 0)
    return {
      ...base,
      status: "fail",
      text: `error budget of ${gate.label} exhausted (${percent(gate.remaining)} of ${window})`,
    };
  return {
    ...base,
    status: "pass",
    text: `Error budget of ${gate.label}: ${percent(gate.remaining)} of ${window} left.`,
  };
}
