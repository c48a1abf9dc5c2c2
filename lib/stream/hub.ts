import type pg from "pg";
import { feedChangeOf, type FeedChange } from "@/lib/stream/core/events";
import { changesAfter, FEED_CHANNEL, feedHead, onLocalAppend } from "@/lib/store/change-feed";
import { invalidateProbeSummaries } from "@/lib/probes/store/queries";
import { getStore, type Store } from "@/lib/store/db";
import { processSingleton } from "@/lib/base/singleton";

/**
 * The one subscription of a process to the change feed (decision 0027), however many streams
 * are open: a single reader follows the feed and hands each new change to every listener.
 * On PostgreSQL it LISTENs (a change committed by any replica wakes it at once) and also
 * reads every `safetyPollMs`, for a notification lost while the listening connection was being
 * re-made; on SQLite (one process) it reads every `pollMs`. It runs while someone listens.
 */

export type ChangeListener = (changes: readonly FeedChange[]) => void;
/** Called when the hub closes (shutdown): the stream ends, and the browser reconnects elsewhere. */
export type EndListener = () => void;

export type HubOptions = {
  /** SQLite: how often the feed is read. */
  pollMs?: number;
  /** PostgreSQL: a read without a notification, for one lost while reconnecting. */
  safetyPollMs?: number;
  /** PostgreSQL: the wait before making a lost listening connection again. */
  reconnectMs?: number;
  /**
   * Called with each batch before any listener: for caches of this process that the changes
   * make older than what the pages told of them will refetch at once.
   */
  beforeListeners?: (changes: readonly FeedChange[]) => void;
};

const BATCH = 500;

export class ChangeHub {
  private listeners = new Set<ChangeListener>();
  private enders = new Map<ChangeListener, EndListener>();
  private cursor = 0;
  private started: Promise<void> | null = null;
  private generation = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopLocal: (() => void) | null = null;
  private client: pg.PoolClient | null = null;
  private reading: Promise<void> | null = null;
  private readAgain = false;
  /** For tests and the bench: feed reads and (re)starts of the one subscription. */
  readonly stats = { reads: 0, starts: 0, listens: 0 };

  constructor(
    private readonly open: () => Promise<Store>,
    private readonly opts: HubOptions = {},
  ) {}

  get size(): number {
    return this.listeners.size;
  }

  /** Adds a listener; the returned function removes it. `ready()` says when the hub follows the feed. */
  subscribe(listener: ChangeListener, onEnd?: EndListener): () => void {
    this.listeners.add(listener);
    if (onEnd) this.enders.set(listener, onEnd);
    if (!this.started) {
      const starting = this.start(++this.generation);
      this.started = starting;
      // A store that could not be read is tried again by the next stream, not failed forever.
      starting.catch(() => {
        if (this.started === starting) this.started = null;
      });
    }
    return () => {
      this.enders.delete(listener);
      if (!this.listeners.delete(listener) || this.listeners.size > 0) return;
      void this.stop();
    };
  }

  /**
   * Resolves once the hub's position in the feed is set: every change committed after that
   * reaches listeners. A stream reads its replay from the store after this, so nothing falls
   * between the replay and the live changes.
   */
  ready(): Promise<void> {
    return this.started ?? Promise.resolve();
  }

  /** Reads what is new now (a notification, a poll, or a writer in this process). */
  wake(): void {
    if (!this.started) return;
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = this.readNew()
      .catch((err: unknown) => console.error("Change feed read failed:", err))
      .finally(() => {
        this.reading = null;
        if (this.readAgain) {
          this.readAgain = false;
          this.wake();
        }
      });
  }

  private async start(generation: number): Promise<void> {
    this.stats.starts++;
    const store = await this.open();
    this.cursor = await feedHead(store.db);
    if (generation !== this.generation) return;
    const postgres = store.native && "postgres" in store.native ? store.native.postgres : null;
    const every = postgres ? (this.opts.safetyPollMs ?? 10_000) : (this.opts.pollMs ?? 1_000);
    this.timer = setInterval(() => this.wake(), every);
    this.timer.unref();
    if (postgres) await this.listen(postgres, generation);
    // SQLite: a change written by this process is read at once, not at the next poll (PostgreSQL's
    // NOTIFY already does that, at commit). The append calls this inside its transaction; the
    // read waits for SQLite's one connection, which the commit releases.
    else this.stopLocal = onLocalAppend(() => this.wake());
  }

  private async listen(pool: pg.Pool, generation: number): Promise<void> {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (err) {
      console.error("Change feed: cannot LISTEN, reading every few seconds instead:", err);
      this.retryListen(pool, generation);
      return;
    }
    if (generation !== this.generation) {
      client.release();
      return;
    }
    client.on("notification", (n) => {
      if (n.channel === FEED_CHANNEL) this.wake();
    });
    client.on("error", (err) => {
      console.error("Change feed: the listening connection failed:", err);
      if (this.client === client) this.client = null;
      client.release(err);
      this.retryListen(pool, generation);
    });
    await client.query(`LISTEN ${FEED_CHANNEL}`);
    this.client = client;
    this.stats.listens++;
    // Whatever committed while there was no listener.
    this.wake();
  }

  private retryListen(pool: pg.Pool, generation: number): void {
    setTimeout(() => {
      if (generation === this.generation && this.listeners.size > 0) void this.listen(pool, generation);
    }, this.opts.reconnectMs ?? 2_000).unref();
  }

  private async readNew(): Promise<void> {
    const store = await this.open();
    for (;;) {
      this.stats.reads++;
      const rows = await changesAfter(store.db, this.cursor, BATCH);
      const last = rows.at(-1);
      if (!last) return;
      this.cursor = last.pos;
      const changes = rows.flatMap((r) => feedChangeOf(r) ?? []);
      try {
        this.opts.beforeListeners?.(changes);
      } catch (err) {
        console.error("Change feed: a cache could not be dropped:", err);
      }
      for (const listener of [...this.listeners]) {
        try {
          listener(changes);
        } catch (err) {
          console.error("A change stream listener failed:", err);
        }
      }
      if (rows.length < BATCH) return;
    }
  }

  private async stop(): Promise<void> {
    this.generation++;
    this.started = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stopLocal?.();
    this.stopLocal = null;
    const client = this.client;
    this.client = null;
    if (client) {
      await client.query(`UNLISTEN ${FEED_CHANNEL}`).catch(() => undefined);
      client.release();
    }
  }

  /** Ends the subscription and every stream on it (tests, SIGTERM: open streams would hold the server's close). */
  async close(): Promise<void> {
    const enders = [...this.enders.values()];
    this.enders.clear();
    this.listeners.clear();
    for (const end of enders) end();
    await this.stop();
  }
}

/**
 * The process's one subscription to the change feed. On SIGTERM it ends every open stream:
 * they would hold Next's server close, and their browsers reconnect to another instance.
 */
export const changeHub = (): ChangeHub =>
  processSingleton("change-hub", () => {
    // A golden-path probe's change reaches pages, which refetch the strip at once: the probe
    // summaries (shared for 5 s) must not answer them from before the change (seen: the page
    // kept "up" 9 s after the stream said "down").
    const hub = new ChangeHub(getStore, {
      beforeListeners: (changes) => {
        if (changes.some((c) => c.kind === "probe")) invalidateProbeSummaries();
      },
    });
    process.once("SIGTERM", () => {
      void hub.close();
      // Alone (a bare process, a test worker), listening must not take SIGTERM's default away.
      if (process.listenerCount("SIGTERM") === 0) process.kill(process.pid, "SIGTERM");
    });
    return hub;
  });
