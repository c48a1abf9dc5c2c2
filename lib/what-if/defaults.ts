import "server-only";
import { assumptions as modelDefaults } from "@/lib/what-if/core/model/assumptions";
import type { MetricsContext } from "@/lib/gcp/read-context";
import { whatIfLimits } from "./core/limits";
import { observedBurst } from "./observed";
import { assumptionsUsed, scenarioFromConfig } from "./core/scenario";
import type { WhatIfDefaults } from "./core/types";

/** GET /api/what-if/defaults: today's configuration, the model's assumptions, the observed burst. */
export async function whatIfDefaults(ctx: MetricsContext): Promise<WhatIfDefaults> {
  const { config } = ctx;
  return {
    scenario: scenarioFromConfig(config),
    assumptions: assumptionsUsed(modelDefaults),
    limits: whatIfLimits,
    connector: { name: config.connector.name, region: config.connector.region },
    database: { instanceId: config.database.instanceId },
    observed: await observedBurst(ctx),
  };
}
