import { sql, type Transaction } from "kysely";
import type { StoreSchema } from "./schema";
import type { StoreDb } from "./db";

/**
 * Leader election on the store, so that in several replicas exactly one runs the background
 * work (probes, evaluators, notifications, retention). PostgreSQL holds a lease row with a
 * fencing token; every time are the database's clock, so replicas' clocks do not matter.
 *
 * Fencing: a background write runs `fence(tx)` first in its own transaction. It reads the lease
 * row FOR KEY SHARE and refuses unless this replica still holds it with the same token and it
 * has not expired. A takeover locks the row FOR UPDATE, which waits for every such transaction,
 * so a deposed leader's write either commits before the new token exists or is refused after.
 * The holder's own renewal is a plain UPDATE of a non-key column, which KEY SHARE does not block.
 */

export type Fence = (tx: Transaction<StoreSchema>) => Promise<void>;

export class FencedError extends Error {
  constructor(message = "This replica no longer holds the leader lease; the write was refused.") {
    super(message);
    this.name = "FencedError";
  }
}

/** A fence that refuses every write (a follower's, or a leader's after it stepped down). */
export const refuseAll: Fence = async () => {
  throw new FencedError();
};

export interface Lease {
  /** This replica's token when it holds the lease (newly or still), else null. */
  tryAcquire(): Promise<number | null>;
  /** Extends the lease; false when it was lost (expired, or taken by another replica). */
  renew(token: number): Promise<boolean>;
  /** Gives the lease up at once, so another replica takes over without waiting for expiry. */
  release(token: number): Promise<void>;
  fence(token: number): Fence;
}

const NOW_MS = sql<number>`(extract(epoch from clock_timestamp()) * 1000)::bigint`;

export class PostgresLease implements Lease {
  constructor(
    private readonly db: StoreDb,
    private readonly opts: { holder: string; ttlMs: number; name?: string },
  ) {}

  private get name(): string {
    return this.opts.name ?? "background";
  }

  async tryAcquire(): Promise<number | null> {
    const { holder, ttlMs } = this.opts;
    return this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto("leader_lease")
        .values({ name: this.name, holder: "", token: 0, expires_at: 0 })
        .onConflict((oc) => oc.column("name").doNothing())
        .execute();
      const row = await sql<{ holder: string; token: number; expires_at: number; now: number }>`
        select holder, token, expires_at, ${NOW_MS} as now from leader_lease where name = ${this.name} for update`
        .execute(tx)
        .then((r) => r.rows[0]);
      if (!row) return null;
      const [token, expiresAt, now] = [Number(row.token), Number(row.expires_at), Number(row.now)];
      if (expiresAt > now) {
        if (row.holder !== holder) return null;
        await tx
          .updateTable("leader_lease")
          .set({ expires_at: now + ttlMs })
          .where("name", "=", this.name)
          .execute();
        return token;
      }
      // Expired (or never held): a new holder, and a new token even when it is this replica again,
      // because whatever this replica started under the old token has been stopped.
      await tx
        .updateTable("leader_lease")
        .set({ holder, token: token + 1, expires_at: now + ttlMs })
        .where("name", "=", this.name)
        .execute();
      return token + 1;
    });
  }

  async renew(token: number): Promise<boolean> {
    const r = await sql`update leader_lease set expires_at = ${NOW_MS} + ${this.opts.ttlMs}
      where name = ${this.name} and holder = ${this.opts.holder} and token = ${token} and expires_at > ${NOW_MS}`.execute(
      this.db,
    );
    return Number(r.numAffectedRows ?? 0) === 1;
  }

  async release(token: number): Promise<void> {
    await sql`update leader_lease set expires_at = 0 where name = ${this.name} and holder = ${this.opts.holder} and token = ${token}`.execute(
      this.db,
    );
  }

  fence(token: number): Fence {
    return async (tx) => {
      const r = await sql`select 1 from leader_lease
        where name = ${this.name} and holder = ${this.opts.holder} and token = ${token} and expires_at > ${NOW_MS} for key share`.execute(
        tx,
      );
      if (r.rows.length !== 1)
        throw new FencedError(`Leader token ${token} is no longer current; the write was refused.`);
    };
  }
}

/**
 * SQLite is one process's store (lib/store/sqlite-lock.ts refuses a second), so that process
 * is always the leader and nothing needs fencing.
 */
export const soleLease: Lease = {
  tryAcquire: async () => 1,
  renew: async () => true,
  release: async () => undefined,
  fence: () => async () => undefined,
};

export type LeaderRole = "starting" | "leader" | "follower" | "stopped";

export interface ElectorOptions {
  ttlMs: number;
  /** Became leader: start the background work; writes must pass `fence`. */
  onLead: (token: number, fence: Fence) => void;
  /** Lost (or gave up) the lease: stop the background work at once. */
  onLose: (reason: string) => void;
  onError?: (err: unknown) => void;
  /** Monotonic clock (ms) for the local deadline. */
  clock?: () => number;
}

/**
 * Tries for the lease, and renews it while held, every third of its time to live. Without a
 * successful renewal the leader steps down on its own before the lease can have expired in the
 * database, so it stops even when the store is unreachable (and fencing refuses what is late).
 */
export class LeaderElector {
  private timer: NodeJS.Timeout | null = null;
  private deadline: NodeJS.Timeout | null = null;
  private token: number | null = null;
  private state: LeaderRole = "starting";
  private stopped = false;

  constructor(
    private readonly lease: Lease,
    private readonly opts: ElectorOptions,
  ) {}

  get role(): LeaderRole {
    return this.state;
  }

  get currentToken(): number | null {
    return this.token;
  }

  start(): void {
    this.stopped = false;
    void this.cycle();
  }

  private clock(): number {
    return (this.opts.clock ?? performance.now.bind(performance))();
  }

  private async cycle(): Promise<void> {
    if (this.stopped) return;
    const startedAt = this.clock();
    try {
      if (this.token !== null) {
        if (await this.lease.renew(this.token)) this.armDeadline(startedAt);
        else this.stepDown("the lease was lost");
      } else {
        const token = await this.lease.tryAcquire();
        if (this.stopped) {
          if (token !== null) await this.lease.release(token);
          return;
        }
        if (token === null) this.state = "follower";
        else {
          this.token = token;
          this.state = "leader";
          this.armDeadline(startedAt);
          this.opts.onLead(token, this.lease.fence(token));
        }
      }
    } catch (err) {
      (this.opts.onError ?? console.error)(err);
      if (this.token === null) this.state = "follower";
    }
    if (!this.stopped) this.timer = setTimeout(() => void this.cycle(), Math.max(50, this.opts.ttlMs / 3));
  }

  /** The lease runs at least ttl from when the renewal was sent; step down a little before. */
  private armDeadline(sentAt: number): void {
    if (this.deadline) clearTimeout(this.deadline);
    const left = sentAt + this.opts.ttlMs * 0.9 - this.clock();
    this.deadline = setTimeout(() => this.stepDown("the lease could not be renewed in time"), Math.max(0, left));
  }

  private stepDown(reason: string): void {
    if (this.deadline) clearTimeout(this.deadline);
    this.deadline = null;
    if (this.token === null) return;
    this.token = null;
    this.state = this.stopped ? "stopped" : "follower";
    this.opts.onLose(reason);
  }

  /**
   * Stops trying; a leader stops its work (onLose) and then runs `beforeRelease` (finish writes
   * under its still-valid token) before giving the lease up.
   */
  async stop(beforeRelease: () => Promise<void> = async () => undefined): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const token = this.token;
    if (token === null) {
      this.state = "stopped";
      return;
    }
    this.stepDown("shutting down");
    try {
      await beforeRelease();
    } finally {
      await this.lease.release(token);
    }
  }
}
