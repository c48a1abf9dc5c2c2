import { EnvError, getEnv } from "@/lib/config/env";
import { ConfigError, getStagingConfig } from "@/lib/config/staging-config";
import { initUsers } from "@/lib/auth/users";
import { StoreInUseError } from "@/lib/store/sqlite-lock";
import { exitGracefullyOnSigterm } from "./shutdown";

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
  // Without Google credentials every figure is unknown: said once here, not once per read.
  void import("@/lib/gcp/clients")
    .then((m) => m.announceGoogleAccess())
    .catch((err: unknown) => console.error("Could not check for Google credentials:", err));
  // The clients' stubs now rather than inside the first request (no call to Google is made).
  void import("@/lib/gcp/clients")
    .then((m) => m.prepareGcpClients())
    .catch((err: unknown) => console.error("Could not prepare the Google clients:", err));
  // Probes, evaluators, notifications and retention run in the leader only (one process on
  // SQLite is always the leader); STAGEWATCH_PROBES / STAGEWATCH_EVALUATORS=off switch them off.
  void import("@/lib/server/background")
    .then((m) => m.startBackground())
    .catch((err: unknown) => {
      if (err instanceof StoreInUseError) {
        console.error(`\nStagewatch cannot start.\n${err.message}\n`);
        process.exit(1);
      }
      console.error("Background work could not start (tried again by /api/ready):", err);
    });
  // On SIGTERM: stop scheduling, finish writes, release the lease, exit within 8 s.
  exitGracefullyOnSigterm(async () => (await import("@/lib/server/background")).stopBackground());
}
