import fs from "node:fs";
import path from "node:path";
import type { StagingConfig } from "@/lib/config/core/staging-schema";

/**
 * Calls `apply` with the new config whenever the file changes or the process gets SIGHUP.
 * `load` throws on a bad edit: the error is logged and the old config (and probes) stay.
 * The directory is watched, not the file, because editors save by replacing the file.
 */
export function watchConfig(
  file: string,
  load: () => StagingConfig,
  apply: (cfg: StagingConfig) => void,
  log: (line: string) => void = console.error,
): () => void {
  let timer: NodeJS.Timeout | null = null;
  const reload = (why: string) => {
    try {
      const cfg = load();
      apply(cfg);
      log(`staging config reloaded (${why}): ${cfg.probes.length} probe target(s)`);
    } catch (err) {
      log(
        `staging config edit rejected (${why}); the previous probe targets keep running.\n${err instanceof Error ? err.message : String(err)}`,
      );
    }
  };
  const onChange = (_event: string, name: string | Buffer | null) => {
    if (name !== null && String(name) !== path.basename(file)) return;
    // Editors write in several steps; act once the file has settled.
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => reload("file changed"), 250);
  };
  const watcher = fs.watch(path.dirname(file), { persistent: false }, onChange);
  watcher.on("error", (err) => log(`cannot watch ${file}: ${err.message}; send SIGHUP to reload`));
  const onHup = () => reload("SIGHUP");
  process.on("SIGHUP", onHup);
  return () => {
    if (timer) clearTimeout(timer);
    watcher.close();
    process.off("SIGHUP", onHup);
  };
}
