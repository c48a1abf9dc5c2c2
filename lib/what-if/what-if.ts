import { LRUCache } from "lru-cache";
import { runSeeds, summarise } from "./core/predict";
import { recommend } from "./core/recommend";
import { assumptionsUsed, modelAssumptions } from "./core/scenario";
import type { WhatIfScenario } from "./core/schema";
import type { WhatIfResponse } from "./core/types";

/**
 * One what-if answer: prediction, recommendation and the assumptions used. The model is
 * pure and seeded, so an answer depends only on the validated request and can be kept: a
 * small LRU spares the CPU when people flip between a few configurations. Requests compute
 * in the worker pool (`pool.ts`), off the event loop; `whatIf` computes here, for the page's
 * one default scenario at render time, the bench and tests.
 */

const cache = new LRUCache<string, WhatIfResponse>({ max: 32 });

/** The computation itself, no cache: what a pool worker runs. */
export function computeWhatIf(scenario: WhatIfScenario): WhatIfResponse {
  const started = performance.now();
  const a = modelAssumptions(scenario.assumptions);
  const runs = runSeeds(scenario, a);
  const prediction = summarise(scenario, runs);
  const successRates = runs.map((r) => r.successRate);
  return {
    scenario,
    prediction,
    recommendation: recommend(scenario, a, successRates),
    assumptions: assumptionsUsed(a),
    basis: "model",
    computeMs: Math.round(performance.now() - started),
  };
}

export const whatIfCacheKey = (scenario: WhatIfScenario): string => JSON.stringify(scenario);

export function cachedWhatIf(key: string): WhatIfResponse | undefined {
  return cache.get(key);
}

export function rememberWhatIf(key: string, response: WhatIfResponse): void {
  cache.set(key, response);
}

export function whatIf(scenario: WhatIfScenario): WhatIfResponse {
  const key = whatIfCacheKey(scenario);
  const hit = cache.get(key);
  if (hit) return hit;
  const response = computeWhatIf(scenario);
  cache.set(key, response);
  return response;
}

/** For the bench: measure the computation, not the cache. */
export function clearWhatIfCache(): void {
  cache.clear();
}
