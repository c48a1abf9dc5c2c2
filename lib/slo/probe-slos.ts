import type { StagingConfig } from "@/lib/config/core/staging-schema";
import { alertRulesFor } from "@/lib/config/core/slo/alert-sets";
import { probeSloDefinitions, type SloDefinition } from "@/lib/config/core/slo/config";
import type { MaintenanceWindow } from "@/lib/config/core/maintenance/types";
import type { StoreDb } from "@/lib/store/db";
import { evaluateSlo, type CountRead, type SloEvaluation } from "./evaluate";
import { readProbeSlo } from "./probe-reads";

/**
 * The probe and rehearsal SLOs, evaluated like the start-up ones from Stagewatch's own roll-ups.
 * Without the store they are evaluated over nothing, stale: every figure and rule is unknown.
 */

export function probeDefinitions(config: StagingConfig): SloDefinition[] {
  return probeSloDefinitions(config.slo, new Set(config.probes.filter((p) => p.type === "browser").map((p) => p.name)));
}

const nothing = (now: number): CountRead => ({ byService: new Map(), endMs: now, stale: true });

export async function evaluateProbeSlos(
  db: StoreDb | null,
  config: StagingConfig,
  now: number,
  /** Maintenance windows over the longest SLO window; null when they could not be read. */
  maintenance: readonly MaintenanceWindow[] | null = [],
): Promise<SloEvaluation[]> {
  return Promise.all(
    probeDefinitions(config).map(async (def) => {
      const reads = db ? await readProbeSlo(db, def, config.probes, now) : { fine: nothing(now), coarse: nothing(now) };
      return evaluateSlo(def, { now, ...reads, rules: alertRulesFor(def.alerting, def.windowDays), maintenance });
    }),
  );
}
