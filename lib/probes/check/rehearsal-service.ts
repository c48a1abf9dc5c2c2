import type { BrowserProbeConfig } from "@/lib/config/core/staging-schema";
import type { ProbeResult } from "@/lib/probes/core/types";
import type { StoreDb } from "@/lib/store/db";
import type { BrowserHost } from "@/lib/rehearsal/browser-host";
import { pruneRuns, saveRun } from "@/lib/rehearsal/evidence";
import { rehearse } from "@/lib/rehearsal/rehearse";
import { toProbeResult } from "./rehearsal-result";

/** Thrown for a rehearsal that could not run at all (no browser): no probe result, so the probe stays unknown. */
export class RehearsalUnknownError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RehearsalUnknownError";
  }
}

export interface RehearsalServiceOptions {
  db: StoreDb;
  /** <data dir>/rehearsals */
  dir: string;
  host: BrowserHost;
  secrets: Readonly<Record<string, string>>;
  retentionDays: number;
}

const DAY = 86_400_000;

/** Runs a journey, stores its evidence, and hands the engine an ordinary probe result. */
export class RehearsalService {
  private lastStart = new Map<string, number>();

  constructor(private readonly opts: RehearsalServiceOptions) {}

  async run(cfg: BrowserProbeConfig): Promise<ProbeResult> {
    this.lastStart.set(cfg.name, Date.now());
    const outcome = await rehearse(cfg, { host: this.opts.host, secrets: this.opts.secrets });
    const run = await saveRun(this.opts.db, this.opts.dir, outcome);
    await pruneRuns(this.opts.db, this.opts.dir, Date.now() - this.opts.retentionDays * DAY).catch((err: unknown) =>
      console.error("rehearsal retention failed:", err),
    );
    if (run.status === "unknown")
      throw new RehearsalUnknownError(`${cfg.name}: ${run.error ?? "the rehearsal could not run"}`);
    return toProbeResult(run);
  }

  /** Whether a rehearsal of `name` started within the last `ms` (on-demand runs reuse it instead). */
  startedWithin(name: string, now: number, ms: number): boolean {
    const at = this.lastStartedAt(name);
    return at !== null && now - at < ms;
  }

  /** When this process last started a rehearsal of `name` (epoch ms), or null. */
  lastStartedAt(name: string): number | null {
    return this.lastStart.get(name) ?? null;
  }

  close(): Promise<void> {
    return this.opts.host.close();
  }
}
