import "server-only";
import { getStagingConfig } from "@/lib/config/staging-config";
import type { BudgetGate } from "@/lib/slo/core/budget-gate";
import { sloDefinitions } from "@/lib/config/core/slo/config";
import { budgetGateOf } from "@/lib/slo/gates";
import { probeDefinitions } from "@/lib/slo/probe-slos";
import { deployedServices } from "@/lib/slo/read";
import type { SloView } from "@/lib/slo/schemas";
import { currentSlos } from "@/lib/slo/service";

/** The SLOs marked `gatesDemos`, with their current budgets, for the readiness verdict. */
export async function currentBudgetGates(): Promise<BudgetGate[]> {
  const config = getStagingConfig();
  const gating = [...sloDefinitions(config.slo, deployedServices(config)), ...probeDefinitions(config)].filter(
    (d) => d.gatesDemos,
  );
  if (gating.length === 0) return [];
  const slos: SloView[] = await currentSlos().then(
    (r) => r.response.slos,
    (err: unknown) => {
      // Unknown budgets, said as such: the gate then holds GO back instead of vanishing.
      console.error("Readiness: the SLOs could not be evaluated", err instanceof Error ? err.message : err);
      return [];
    },
  );
  return gating.map((d) =>
    budgetGateOf(
      d,
      slos.find((s) => s.id === d.id),
    ),
  );
}
