import type { BudgetGate } from "@/lib/slo/core/budget-gate";
import type { SloDefinition } from "@/lib/config/core/slo/config";
import type { SloView } from "./schemas";

/**
 * The budget gate of an SLO marked `gatesDemos`, from its current view. No view (the SLOs could
 * not be evaluated) is an unknown budget, never a full one.
 */

function labelOf(def: SloDefinition): string {
  if (def.source === "startups") return `start-ups of ${def.service === "all" ? "all services" : def.service}`;
  if (def.rehearsal) return "the demo rehearsal";
  return `probe${(def.probes ?? []).length > 1 ? "s" : ""} ${(def.probes ?? []).join(", ")}`;
}

export function budgetGateOf(def: SloDefinition, view: SloView | undefined): BudgetGate {
  const remaining = view?.budget.remaining;
  const measuredAt = remaining?.measuredAt ? Date.parse(remaining.measuredAt) : null;
  return {
    sloId: def.id,
    label: labelOf(def),
    windowDays: def.windowDays,
    remaining: remaining?.value ?? null,
    stale: remaining?.stale ?? true,
    measuredAt: measuredAt !== null && Number.isFinite(measuredAt) ? measuredAt : null,
  };
}
