import { LRUCache } from "lru-cache";
import { runSeeds, summarise } from "./predict";
import { recommend } from "./recommend";
import { assumptionsUsed, modelAssumptions } from "./scenario";
import type { WhatIfScenario } from "./schema";
import type { WhatIfResponse } from "./types";

/**
 * One what-if answer: prediction, recommendation and the assumptions used. The model is
 * pure and seeded, so an answer depends only on the validated request and can be kept: a
 * small LRU spares the CPU when people flip between a few configurations.
 */

const cache = new LRUCache<string, WhatIfResponse>({ max: 32 });

export function whatIf(scenario: WhatIfScenario): WhatIfResponse {
  const key = JSON.stringify(scenario);
  const hit = cache.get(key);
  if (hit) return hit;
  const started = performance.now();
  const a = modelAssumptions(scenario.assumptions);
  const runs = runSeeds(scenario, a);
  const prediction = summarise(scenario, runs);
  const successRates = runs.map((r) => r.successRate);
  const response: WhatIfResponse = {
    scenario,
    prediction,
    recommendation: recommend(scenario, a, successRates),
    assumptions: assumptionsUsed(a),
    basis: "model",
    computeMs: Math.round(performance.now() - started),
  };
  cache.set(key, response);
  return response;
}

/** For the bench: measure the computation, not the cache. */
export function clearWhatIfCache(): void {
  cache.clear();
}
