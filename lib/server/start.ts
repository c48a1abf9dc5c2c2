import { EnvError, getEnv } from "@/lib/config/env";
import { ConfigError, getStagingConfig } from "@/lib/config/staging-config";
import { initUsers } from "@/lib/auth/users";

/** Start-up checks and background work for the Node server; exits on invalid settings. */
export function startServer(): void {
  try {
    getEnv();
    getStagingConfig();
    initUsers();
  } catch (err) {
    if (err instanceof EnvError || err instanceof ConfigError) {
      console.error(`\nStagewatch cannot start.\n${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  // Probes run on their schedule from start-up (STAGEWATCH_PROBES=off leaves only "run now").
  void import("@/lib/probes/runtime")
    .then((m) => m.startProbes())
    .catch((err: unknown) => console.error("Probes could not start:", err));
  // STAGEWATCH_EVALUATORS=off leaves criteria and the demo verdict to be evaluated on request:
  // for a second replica (one process should notify), or to measure what viewers alone cost.
  if (getEnv().STAGEWATCH_EVALUATORS === "off") return;
  // Success criteria are evaluated (and their holds tracked) even when nobody has the tracker open.
  void import("@/lib/tracker/service")
    .then((m) => m.startTrackerEvaluator())
    .catch((err: unknown) => console.error("The tracker's evaluator could not start:", err));
  // Changes of the Overview verdict and the golden path are notified (signed, once per change).
  void import("@/lib/notifications/watcher")
    .then((m) => m.startNotificationWatcher())
    .catch((err: unknown) => console.error("The notification watcher could not start:", err));
  // The demo verdict is kept current (and its changes notified) even when nobody has the page open.
  void import("@/lib/readiness/service")
    .then((m) => m.startReadinessEvaluator())
    .catch((err: unknown) => console.error("The readiness evaluator could not start:", err));
}
