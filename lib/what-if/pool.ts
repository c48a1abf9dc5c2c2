import "server-only";
import os from "node:os";
import { Worker } from "node:worker_threads";
import { processSingleton } from "@/lib/base/singleton";
import { WorkerPool } from "@/lib/base/worker-pool";
import type { WhatIfScenario } from "./core/schema";
import type { WhatIfResponse } from "./core/types";
import { cachedWhatIf, rememberWhatIf, whatIfCacheKey } from "./what-if";

/**
 * What-if requests compute in worker threads: twelve parallel 200-seed runs held /api/health
 * to a p95 of up to 1 s when they ran on the event loop (issue 28). One thread fewer than the
 * CPUs (at least one), so the event loop keeps a core; 16 may wait, the 17th gets a 429.
 */
export const WHAT_IF_QUEUE = 16;
const TASK_TIMEOUT_MS = 30_000;

/**
 * Under vitest the worker is TypeScript, which Node 20 cannot start on its own (`--import tsx`
 * in a worker's execArgv does not reach its entry), so a small bootstrap loads it. Not judged
 * by `import.meta.url`: the bundle keeps the source's name there, `.ts` and all.
 */
// eslint-disable-next-line no-restricted-properties -- set by vitest itself, not configuration
const fromSource = process.env.VITEST === "true";

function sourceWorker(): Worker {
  const entry = JSON.stringify(import.meta.url.replace(/pool\.ts$/, "worker.ts"));
  return new Worker(`import("tsx/esm/api").then((m) => { m.register(); return import(${entry}); })`, { eval: true });
}

export function whatIfPool(): WorkerPool<WhatIfScenario, WhatIfResponse> {
  return processSingleton(
    "what-if-pool",
    () =>
      new WorkerPool<WhatIfScenario, WhatIfResponse>({
        // Literal, so Next's bundler emits the worker's code beside the route's (see worker-pool.ts).
        spawn: () => (fromSource ? sourceWorker() : new Worker(new URL("./worker.ts", import.meta.url))),
        size: Math.max(1, os.availableParallelism() - 1),
        maxQueue: WHAT_IF_QUEUE,
        taskTimeoutMs: TASK_TIMEOUT_MS,
      }),
  );
}

/** The answer from the cache, or computed in the pool (throws PoolFullError when it is full). */
export async function whatIfInPool(scenario: WhatIfScenario): Promise<WhatIfResponse> {
  const key = whatIfCacheKey(scenario);
  const hit = cachedWhatIf(key);
  if (hit) return hit;
  const response = await whatIfPool().run(scenario);
  rememberWhatIf(key, response);
  return response;
}
