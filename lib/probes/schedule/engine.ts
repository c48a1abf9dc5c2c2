import type { BrowserProbeConfig, ProbeConfig } from "@/lib/config/core/staging-schema";
import type { Store } from "@/lib/store/db";
import { refuseAll, type Fence } from "@/lib/store/leader";
import { recheckDelayMs } from "@/lib/probes/core/confirm";
import { applyAttempt, INITIAL_FLAP_STATE, type FlapState } from "@/lib/probes/core/flap";
import { ProbeRecorder } from "@/lib/probes/store/recorder";
import type { ProbeSecrets } from "@/lib/probes/check/attempt";
import { runProbe } from "@/lib/probes/check/run-probe";
import { ProbeScheduler } from "./scheduler";
import { pruneProbeData } from "@/lib/probes/store/store-reads";
import type { AttemptStatus, ProbeResult } from "@/lib/probes/core/types";

export interface EngineOptions {
  secrets: ProbeSecrets;
  concurrency: number;
  retentionDays: { raw: number; minute: number };
  /** Replaces runProbe (the bench measures the scheduler with it). */
  run?: (cfg: ProbeConfig) => Promise<ProbeResult>;
  /** Runs browser probes (the demo rehearsal, lib/rehearsal); without it they never produce a result, so stay unknown. */
  runBrowser?: (cfg: BrowserProbeConfig) => Promise<ProbeResult>;
  flushMs?: number;
}

const PRUNE_EVERY_MS = 3_600_000;

/**
 * The probe engine of one process: the scheduler, flap control per target, and the recorder.
 * Scheduled and "run now" attempts take the same path, so both are recorded alike.
 */
export class ProbeEngine {
  readonly scheduler: ProbeScheduler;
  readonly recorder: ProbeRecorder;
  private states = new Map<string, FlapState>();
  private pruneTimer: NodeJS.Timeout | null = null;
  /** False in a follower: its "run now" results are returned but not stored (the leader owns the history). */
  private recording = true;
  /** Bumped by lead/follow, so a lead that is still loading does not start after a follow. */
  private term = 0;

  private constructor(
    private readonly store: Store,
    private readonly opts: EngineOptions,
  ) {
    this.recorder = new ProbeRecorder(store, {
      flushMs: opts.flushMs,
      onError: (err) => console.error("probe results not stored:", err),
    });
    this.scheduler = new ProbeScheduler({
      run:
        opts.run ??
        ((cfg) =>
          cfg.type !== "browser"
            ? runProbe(cfg, opts.secrets)
            : opts.runBrowser
              ? opts.runBrowser(cfg)
              : Promise.reject(new Error(`${cfg.name}: no browser runner in this process`))),
      onResult: (cfg, result) => this.onResult(cfg, result),
      concurrency: opts.concurrency,
    });
  }

  /** Opens the engine on a store, resuming each target's flap state where the last process left it. */
  static async create(store: Store, opts: EngineOptions): Promise<ProbeEngine> {
    const engine = new ProbeEngine(store, opts);
    await engine.loadStates();
    return engine;
  }

  /** Each target's flap state as the store has it (written by this or the previous leader). */
  private async loadStates(): Promise<void> {
    const rows = await this.store.db.selectFrom("probe_state").selectAll().execute();
    this.states.clear();
    for (const row of rows) {
      let recent: AttemptStatus[] = [];
      try {
        recent = JSON.parse(row.recent) as AttemptStatus[];
      } catch {
        recent = [];
      }
      this.states.set(row.probe, {
        ...INITIAL_FLAP_STATE,
        status: row.status as FlapState["status"],
        since: row.since,
        flapping: row.flapping === 1,
        recent,
      });
    }
  }

  setTargets(probes: readonly ProbeConfig[]): void {
    this.scheduler.setTargets(probes);
  }

  private onResult(cfg: ProbeConfig, result: ProbeResult): void {
    const prev = this.states.get(cfg.name) ?? INITIAL_FLAP_STATE;
    const { state, change } = applyAttempt(prev, result.status, Date.parse(result.checkedAt), cfg.flap);
    this.states.set(cfg.name, state);
    if (this.recording) this.recorder.record({ result, state, change });
    // Confirm on failure: a suspected failure is checked again in seconds (a stopped scheduler ignores it).
    const recheckMs = recheckDelayMs(state, cfg);
    if (recheckMs !== null) this.scheduler.recheck(cfg.name, recheckMs);
  }

  /**
   * Runs the named configured targets now (joining attempts in flight) and waits until they are
   * stored. A run without a result (a rehearsal with no browser) is left out, and its error logged.
   */
  async runNow(names: readonly string[]): Promise<ProbeResult[]> {
    const runs = names.map((name) => this.scheduler.runNow(name));
    const settled = await Promise.allSettled(runs.filter((r): r is Promise<ProbeResult> => r !== null));
    await this.recorder.flush();
    return settled.flatMap((s) => {
      if (s.status === "fulfilled") return [s.value];
      console.error(`probe run without a result: ${s.reason instanceof Error ? s.reason.message : String(s.reason)}`);
      return [];
    });
  }

  start(): void {
    this.scheduler.start();
    const prune = () =>
      void pruneProbeData(this.store.db, Date.now(), this.opts.retentionDays).catch((err: unknown) =>
        console.error("probe retention failed:", err),
      );
    prune();
    this.pruneTimer = setInterval(prune, PRUNE_EVERY_MS);
    this.pruneTimer.unref();
  }

  async stop(): Promise<void> {
    this.scheduler.stop();
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    await this.recorder.close();
  }

  /**
   * Becomes the replica that probes (`schedule`) and stores results, every write behind `fence`.
   * Flap states and open roll-up buckets are read back first: the previous leader moved them on.
   */
  async lead(fence: Fence, opts: { schedule: boolean }): Promise<void> {
    const term = ++this.term;
    this.scheduler.stop();
    this.recorder.reset();
    this.recorder.fence = fence;
    await this.loadStates();
    const last = await this.store.db.selectFrom("probe_state").select(["probe", "last_checked_at"]).execute();
    if (term !== this.term) return;
    this.recording = true;
    if (!opts.schedule) return;
    this.scheduler.startFrom(new Map(last.map((r) => [r.probe, Number(r.last_checked_at)])));
    const prune = () =>
      void this.store.db
        .transaction()
        .execute(async (tx) => {
          await fence(tx);
          await pruneProbeData(tx, Date.now(), this.opts.retentionDays);
        })
        .catch((err: unknown) => console.error("probe retention failed:", err));
    prune();
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.pruneTimer = setInterval(prune, PRUNE_EVERY_MS);
    this.pruneTimer.unref();
  }

  /**
   * Stops probing and pruning at once (the lease is lost, or another replica leads). Results
   * already queued are still written if the fence lets them (shutting down while still leader),
   * and refused otherwise.
   */
  follow(): void {
    this.term++;
    this.recording = false;
    this.scheduler.stop();
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.pruneTimer = null;
  }

  /** A replica that has never led: nothing it does is stored. */
  followFromStart(): void {
    this.follow();
    this.recorder.fence = refuseAll;
  }
}
