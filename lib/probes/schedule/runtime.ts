import "server-only";
import { getEnv } from "@/lib/config/env";
import { configPath, getStagingConfig, reloadStagingConfig } from "@/lib/config/staging-config";
import { BrowserHost } from "@/lib/rehearsal/browser-host";
import { rehearsalDir } from "@/lib/rehearsal/paths";
import { RehearsalService } from "@/lib/probes/check/rehearsal-service";
import { getStore } from "@/lib/store/db";
import { ProbeEngine } from "./engine";
import { watchConfig } from "./hot-reload";
import { processPromise, processSingleton, processSlot } from "@/lib/base/singleton";

/**
 * One probe engine per process (Next may load this module in several bundles, hence the
 * process singletons). It exists even with STAGEWATCH_PROBES=off, so "run now" still works;
 * only the schedule is off then.
 */
const REHEARSALS = "rehearsals";
const watching = processSlot<boolean>("probe-targets-watched");

export function probeEngine(): Promise<ProbeEngine> {
  // A failed open (store unreachable) is retried on the next call rather than cached forever.
  return processPromise("probe-engine", async () => {
    const env = getEnv();
    const store = await getStore();
    const rehearsals = processSingleton(
      REHEARSALS,
      () =>
        new RehearsalService({
          db: store.db,
          dir: rehearsalDir(),
          host: new BrowserHost({ executablePath: env.STAGEWATCH_CHROMIUM_PATH }),
          secrets: env.rehearsalSecrets,
          retentionDays: env.PROBE_RAW_RETENTION_DAYS,
        }),
    );
    const engine = await ProbeEngine.create(store, {
      runBrowser: (cfg) => rehearsals.run(cfg),
      secrets: {
        jwtSecret: env.PROBE_JWT_SECRET,
        pgUser: env.PROBE_PG_USER ?? "postgres",
        pgPassword: env.PROBE_PG_PASSWORD,
      },
      concurrency: env.PROBE_CONCURRENCY,
      retentionDays: { raw: env.PROBE_RAW_RETENTION_DAYS, minute: env.PROBE_ROLLUP_RETENTION_DAYS },
    });
    engine.setTargets(getStagingConfig().probes);
    // Several replicas share a PostgreSQL store: nothing is stored until the leader lease says so
    // (lib/server/background.ts). SQLite is one process, which always leads.
    if (store.dialect === "postgres") engine.followFromStart();
    return engine;
  });
}

/** The demo rehearsals of this process (created with the probe engine). */
export async function rehearsalService(): Promise<RehearsalService> {
  await probeEngine();
  const rehearsals = processSlot<RehearsalService>(REHEARSALS).get();
  if (!rehearsals) throw new Error("the rehearsal service was not created");
  return rehearsals;
}

/**
 * Follows edits of the staging config (once per process). Every replica does, so a follower
 * that becomes leader already has the current targets.
 */
export async function watchProbeTargets(): Promise<void> {
  if (watching.get()) return;
  watching.set(true);
  try {
    const engine = await probeEngine();
    watchConfig(configPath(), reloadStagingConfig, (cfg) => engine.setTargets(cfg.probes));
  } catch (err) {
    watching.set(false);
    throw err;
  }
}
