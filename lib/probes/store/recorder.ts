import type { Store } from "@/lib/store/db";
import type { Fence } from "@/lib/store/leader";
import { decodeHistogram, mergeInto } from "@/lib/probes/core/histogram";
import {
  addToAgg,
  aggKey,
  bucketOf,
  cumulativeHist,
  cumulativeOf,
  emptyAgg,
  GRAINS,
  isCumulative,
  samplesOf,
  type Agg,
  type Grain,
} from "@/lib/probes/core/rollup";
import { latestMinuteRows, type RollupCounts } from "./store-cumulative";
import { writeBatch, type Recorded } from "./write-batch";

const EVICT_EVERY_MS = 10_000;

/** Adds a stored row's counts and latency to an in-memory bucket. */
function mergeRow(a: Agg, row: RollupCounts): void {
  a.checks += Number(row.checks);
  a.up += Number(row.up);
  a.degraded += Number(row.degraded);
  a.down += Number(row.down);
  a.missing += Number(row.missing);
  a.n += Number(row.n ?? 0);
  a.sumMs += row.sum_ms ?? 0;
  a.maxMs = Math.max(a.maxMs, row.max_ms ?? 0);
  mergeInto(a.hist, decodeHistogram(row.hist ?? "{}"));
}

/**
 * Writes results in batches: raw rows, roll-ups, state and state changes in one transaction.
 * Open roll-up buckets live in memory and are written whole each flush; a bucket that began
 * before this process (or was already evicted) is first read back and merged, so a restart
 * never overwrites minutes that earlier runs recorded. Minute rows of the `total` phase also
 * carry running totals, continued from the probe's previous minute.
 */
export class ProbeRecorder {
  private queue: Recorded[] = [];
  private aggs = new Map<string, Agg>();
  /** Buckets whose in-memory copy was dropped after a failed write: read back before use. */
  private reload = new Set<string>();
  /** The newest cumulative minute bucket of each probe; the next one continues its totals. */
  private latestMinute = new Map<string, Agg>();
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private startedAt: number;
  private evictedAt = -Infinity;
  /** Runs first in every write transaction (the leader's fencing check); none in one process. */
  fence: Fence | undefined;

  constructor(
    private readonly store: Store,
    private readonly opts: { flushMs?: number; now?: () => number; onError?: (err: unknown) => void } = {},
  ) {
    this.startedAt = (opts.now ?? Date.now)();
  }

  record(item: Recorded): void {
    this.queue.push(item);
    if (item.change) {
      // A state change is what the verdict, the page and notifications wait for (issue 28: red in
      // seconds): written at once with whatever is queued, not after the batch delay. Changes
      // are rare, so batching of the steady stream is kept.
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      void this.flush().catch((err: unknown) => (this.opts.onError ?? console.error)(err));
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush().catch((err: unknown) => (this.opts.onError ?? console.error)(err));
    }, this.opts.flushMs ?? 1000);
  }

  /** Writes everything queued so far; calls are serialised. */
  flush(): Promise<void> {
    this.flushing = this.flushing.catch(() => {}).then(() => this.write(this.queue.splice(0)));
    return this.flushing;
  }

  /**
   * Forgets every bucket held in memory (and results not yet written): another leader may have
   * written the same buckets meanwhile, so a leader that takes over reads them back before use.
   */
  reset(): void {
    this.queue = [];
    this.aggs.clear();
    this.reload.clear();
    this.latestMinute.clear();
    this.startedAt = (this.opts.now ?? Date.now)();
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }

  private async touch(items: Recorded[]): Promise<Agg[]> {
    const now = (this.opts.now ?? Date.now)();
    const touched = new Map<string, Agg>();
    const toLoad: Agg[] = [];
    await this.seedLatest([...new Set(items.map((i) => i.result.probe))]);
    for (const { result } of items) {
      // Running totals only move forward: a straggler older than the probe's newest minute is
      // counted in that minute (in every grain alike); its raw row keeps the true time.
      const t = Math.max(Date.parse(result.checkedAt), this.latestMinute.get(result.probe)?.bucket ?? -Infinity);
      for (const sample of samplesOf(result)) {
        for (const grain of Object.keys(GRAINS) as Grain[]) {
          const cumulative = isCumulative({ phase: sample.phase, grain });
          const latest = cumulative ? this.latestMinute.get(result.probe) : undefined;
          const bucket = bucketOf(t, grain);
          const key = aggKey(result.probe, sample.phase, grain, bucket);
          let agg = this.aggs.get(key);
          if (!agg) {
            agg = emptyAgg(result.probe, sample.phase, grain, bucket);
            this.aggs.set(key, agg);
            const load = bucket < this.startedAt || bucket + 2 * GRAINS[grain] < now || this.reload.delete(key);
            // A cumulative bucket is either the seeded latest one or newer than anything stored.
            if (cumulative && latest) {
              agg.base = cumulativeOf(latest);
              agg.baseHist = cumulativeHist(latest);
            } else if (load) toLoad.push(agg);
          }
          if (cumulative) this.latestMinute.set(result.probe, agg);
          addToAgg(agg, sample);
          touched.set(key, agg);
        }
      }
    }
    await this.loadExisting(toLoad);
    return [...touched.values()];
  }

  /** Merges stored rows into their in-memory buckets. */
  private async loadExisting(aggs: Agg[]): Promise<void> {
    const groups = new Map<string, Agg[]>();
    for (const a of aggs)
      groups.set(`${a.phase}|${a.grain}|${a.bucket}`, [...(groups.get(`${a.phase}|${a.grain}|${a.bucket}`) ?? []), a]);
    for (const group of groups.values()) {
      const first = group[0];
      if (!first) continue;
      const rows = await this.store.db
        .selectFrom("probe_rollup")
        .selectAll()
        .where("phase", "=", first.phase)
        .where("grain", "=", first.grain)
        .where("bucket", "=", first.bucket)
        .where(
          "probe",
          "in",
          group.map((a) => a.probe),
        )
        .execute();
      for (const row of rows) {
        const a = this.aggs.get(aggKey(row.probe, row.phase, row.grain as Grain, Number(row.bucket)));
        if (a) mergeRow(a, row);
      }
    }
  }

  /**
   * Picks up each probe's newest stored minute (after a restart or a failed write), so running
   * totals continue from it and a straggler older than it joins it instead of rewriting history.
   */
  private async seedLatest(probes: string[]): Promise<void> {
    const missing = probes.filter((p) => !this.latestMinute.has(p));
    if (missing.length === 0) return;
    for (const row of await latestMinuteRows(this.store.db, missing)) {
      const key = aggKey(row.probe, "total", "m", Number(row.bucket));
      const agg = this.aggs.get(key) ?? emptyAgg(row.probe, "total", "m", Number(row.bucket));
      if (!this.aggs.has(key)) {
        mergeRow(agg, row);
        agg.base = {
          checks: row.cum_checks - row.checks,
          up: row.cum_up - row.up,
          degraded: row.cum_degraded - row.degraded,
          down: row.cum_down - row.down,
          missing: row.cum_missing - row.missing,
        };
        agg.baseHist = decodeHistogram(row.cum_hist ?? "{}");
        for (const [i, c] of decodeHistogram(row.hist ?? "{}")) agg.baseHist.set(i, (agg.baseHist.get(i) ?? 0) - c);
        this.aggs.set(key, agg);
      }
      this.latestMinute.set(row.probe, agg);
    }
  }

  private async write(items: Recorded[]): Promise<void> {
    if (items.length === 0) return;
    const aggs = await this.touch(items);
    try {
      await writeBatch(this.store.db, items, aggs, this.latestMinute, this.fence);
    } catch (err) {
      // The store did not take this batch: forget the in-memory copies so the next write starts from what is stored.
      for (const a of aggs) {
        const key = aggKey(a.probe, a.phase, a.grain, a.bucket);
        this.aggs.delete(key);
        this.reload.add(key);
        this.latestMinute.delete(a.probe);
      }
      throw err;
    }
    this.evict();
  }

  /**
   * Forgets buckets that closed a while ago (they are written); late results reload them. A
   * bucket is kept two grains past its start, so looking every few seconds (not at each of the
   * one-second flushes, over some 200,000 buckets for 10,000 targets) changes nothing read.
   */
  private evict(): void {
    const now = (this.opts.now ?? Date.now)();
    if (now - this.evictedAt < EVICT_EVERY_MS) return;
    this.evictedAt = now;
    for (const [key, agg] of this.aggs) if (agg.bucket + 2 * GRAINS[agg.grain] < now) this.aggs.delete(key);
  }
}
