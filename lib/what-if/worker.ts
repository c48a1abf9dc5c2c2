import os from "node:os";
import { parentPort } from "node:worker_threads";
import type { WhatIfScenario } from "./core/schema";
import { computeWhatIf } from "./what-if";

/**
 * A what-if pool worker (started by `pool.ts`): one validated scenario in, one answer out.
 * Errors are answered, not thrown, so one bad run does not cost the thread.
 */
export type WorkerRequest = { id: number; input: WhatIfScenario };

// The lowest CPU priority for this thread alone (on Linux a thread has its own nice value): on a
// busy machine the simulation yields to the thread that answers requests. Where it is refused,
// the thread runs at the process's priority, as before.
try {
  os.setPriority(os.constants.priority.PRIORITY_LOW);
} catch {
  // not permitted here: keep the inherited priority
}

parentPort?.on("message", (req: WorkerRequest) => {
  let reply;
  try {
    reply = { id: req.id, ok: true, value: computeWhatIf(req.input) };
  } catch (err) {
    reply = { id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(reply);
});
