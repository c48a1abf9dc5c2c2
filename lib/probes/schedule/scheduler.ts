import type { ProbeConfig } from "@/lib/config/core/staging-schema";
import { DueQueue } from "./due-queue";
import type { ProbeResult } from "@/lib/probes/core/types";

export interface SchedulerOptions {
  run: (cfg: ProbeConfig) => Promise<ProbeResult>;
  onResult: (cfg: ProbeConfig, result: ProbeResult) => void;
  concurrency: number;
  now?: () => number;
  random?: () => number;
  /** ± share of the interval added to each next due time, so targets do not fall into step. */
  jitter?: number;
}

interface Target {
  cfg: ProbeConfig;
  /** Bumped when the config changes or the target is removed; stale heap entries are skipped. */
  generation: number;
  running: Promise<ProbeResult> | null;
  /** Due and waiting for a free slot: a later due time of the same target joins this wait. */
  queued: boolean;
  /** A re-check is in the queue (confirm on failure): a second one asked meanwhile is the same one. */
  recheckPending: boolean;
}

export interface SchedulerStats {
  due: number;
  started: number;
  completed: number;
  /**
   * Due while the previous attempt of the same target was still running, or still waiting for
   * a slot (an overloaded prober runs each target once when it can, not a backlog of repeats).
   */
  skippedOverlap: number;
  /** Re-checks asked for by confirm on failure (lib/probes/core/confirm.ts), and run. */
  rechecks: number;
  /** Start minus due time (ms) of the latest attempts, bounded. */
  lags: number[];
}

const MAX_LAGS = 100_000;
const RECHECK = "recheck";
const FIRST_RUN_SPREAD_MAX_S = 60;

/**
 * Runs each target on its own interval (with jitter), at most `concurrency` at once, never
 * two attempts of one target at the same time. Hard timeouts live in runProbe; a failing
 * target only produces a failing result, never an exception here.
 */
export class ProbeScheduler {
  private targets = new Map<string, Target>();
  private queue = new DueQueue();
  private waiting: { name: string; due: number; generation: number }[] = [];
  private active = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  readonly stats: SchedulerStats = { due: 0, started: 0, completed: 0, skippedOverlap: 0, rechecks: 0, lags: [] };

  constructor(private readonly opts: SchedulerOptions) {}

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  private jittered(intervalMs: number): number {
    const j = this.opts.jitter ?? 0.02;
    return intervalMs * (1 + j * (2 * (this.opts.random ?? Math.random)() - 1));
  }

  /** Replaces the target list (hot reload): unchanged targets keep their schedule. */
  setTargets(cfgs: readonly ProbeConfig[]): void {
    const now = this.now();
    const next = new Set(cfgs.map((c) => c.name));
    for (const [name, t] of this.targets) {
      if (!next.has(name)) {
        t.generation++;
        this.targets.delete(name);
      }
    }
    for (const cfg of cfgs) {
      const t = this.targets.get(cfg.name);
      if (t && JSON.stringify(t.cfg) === JSON.stringify(cfg)) continue;
      const generation = (t?.generation ?? 0) + 1;
      this.targets.set(cfg.name, {
        cfg,
        generation,
        running: t?.running ?? null,
        queued: false,
        recheckPending: false,
      });
      // First run spread over one interval, so a restart does not fire every target at once —
      // but within a minute, so a 5-minute rehearsal is not unknown for minutes after a restart.
      const spreadMs = Math.min(cfg.intervalSeconds, FIRST_RUN_SPREAD_MAX_S) * 1000;
      this.queue.push(now + (this.opts.random ?? Math.random)() * spreadMs, `${cfg.name}#${generation}`);
    }
    this.arm();
  }

  targetNames(): string[] {
    return [...this.targets.keys()];
  }

  start(): void {
    this.stopped = false;
    this.arm();
  }

  /**
   * Starts (again) with each target due one interval after its last stored attempt, so a new
   * leader continues the schedule the old one kept instead of starting it over. Targets already
   * overdue are spread over a quarter interval, not fired all at once; targets never run are
   * spread as at start-up (one interval, at most a minute).
   */
  startFrom(lastRun: ReadonlyMap<string, number>): void {
    const now = this.now();
    const random = this.opts.random ?? Math.random;
    this.queue = new DueQueue();
    this.clearWaiting();
    for (const t of this.targets.values()) {
      t.generation++;
      t.recheckPending = false;
      const interval = t.cfg.intervalSeconds * 1000;
      const last = lastRun.get(t.cfg.name);
      // Never run: the same capped spread as at start-up (a 5-minute rehearsal is not unknown for minutes).
      const spread =
        last === undefined ? Math.min(t.cfg.intervalSeconds, FIRST_RUN_SPREAD_MAX_S) * 1000 : interval * 0.25;
      const due = last !== undefined && last + interval > now ? last + interval : now + random() * spread;
      this.queue.push(due, `${t.cfg.name}#${t.generation}`);
    }
    this.start();
  }

  /** Stops scheduling at once: nothing more starts, including attempts waiting for a free slot. */
  stop(): void {
    this.stopped = true;
    this.clearWaiting();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private clearWaiting(): void {
    for (const w of this.waiting) {
      const t = this.targets.get(w.name);
      if (t) t.queued = false;
    }
    this.waiting = [];
  }

  isRunning(name: string): boolean {
    return this.targets.get(name)?.running != null;
  }

  /** Runs a target now; joins the attempt already running rather than starting a second one. */
  runNow(name: string): Promise<ProbeResult> | null {
    const t = this.targets.get(name);
    if (!t) return null;
    return t.running ?? this.launch(t);
  }

  /**
   * One extra attempt of `name` in `delayMs`, beside its schedule (which it does not move): a
   * failure is confirmed in seconds. Ignored when stopped, for unknown targets, or while one
   * re-check is already waiting.
   */
  recheck(name: string, delayMs: number): void {
    const t = this.targets.get(name);
    if (this.stopped || !t || t.recheckPending) return;
    t.recheckPending = true;
    this.queue.push(this.now() + delayMs, `${name}#${t.generation}#${RECHECK}`);
    this.arm();
  }

  private launch(t: Target): Promise<ProbeResult> {
    const cfg = t.cfg;
    const p = this.opts
      .run(cfg)
      .then((result) => {
        this.opts.onResult(cfg, result);
        return result;
      })
      .finally(() => {
        if (t.running === p) t.running = null;
      });
    t.running = p;
    return p;
  }

  private arm(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    const next = this.queue.peek();
    this.timer = next ? setTimeout(() => this.tick(), Math.max(0, next.due - this.now())) : null;
  }

  private tick(): void {
    this.timer = null;
    const now = this.now();
    for (let top = this.queue.peek(); top && top.due <= now; top = this.queue.peek()) {
      this.queue.pop();
      const [name = "", gen, kind] = top.name.split("#");
      const t = this.targets.get(name);
      if (!t || t.generation !== Number(gen)) continue;
      if (kind === RECHECK) {
        t.recheckPending = false;
        // An attempt already running or waiting is the re-check's answer too.
        if (t.running || t.queued) continue;
        this.stats.rechecks++;
      } else {
        this.stats.due++;
        this.queue.push(top.due + this.jittered(t.cfg.intervalSeconds * 1000), top.name);
      }
      if (t.running || t.queued) this.stats.skippedOverlap++;
      else {
        t.queued = true;
        this.waiting.push({ name, due: top.due, generation: t.generation });
      }
    }
    this.drain();
    this.arm();
  }

  private drain(): void {
    while (this.active < this.opts.concurrency && this.waiting.length) {
      const w = this.waiting.shift();
      const t = w && this.targets.get(w.name);
      if (t) t.queued = false;
      if (!w || !t || t.generation !== w.generation || t.running) continue;
      this.recordLag(this.now() - w.due);
      this.stats.started++;
      this.active++;
      void this.launch(t)
        .catch((err: unknown) => console.error(`probe ${w.name}: ${err instanceof Error ? err.message : String(err)}`))
        .finally(() => {
          this.active--;
          this.stats.completed++;
          this.drain();
        });
    }
  }

  private recordLag(ms: number): void {
    if (this.stats.lags.length >= MAX_LAGS) this.stats.lags.splice(0, MAX_LAGS / 2);
    this.stats.lags.push(ms);
  }
}
