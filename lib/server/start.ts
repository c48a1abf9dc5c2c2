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
}
