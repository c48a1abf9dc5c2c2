import "server-only";
import SQLite from "better-sqlite3";
import pg from "pg";
import {
  RateLimiterPostgres,
  RateLimiterRes,
  RateLimiterSQLite,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import { ApiError } from "@/lib/base/api-error";
import { getStore, storeTargetFromEnv, type StoreTarget } from "@/lib/store/db";
import { processPromise } from "@/lib/base/singleton";
import { retryAfterSeconds } from "./cooldown";

/**
 * Every limit, in one table. Counters live in the store (table rate_limit, migration 0004)
 * so replicas share them; each `consume` is one atomic upsert that reserves a point before
 * the guarded work runs, so a parallel burst cannot all pass the check.
 */
type Limit = {
  points: number;
  duration: number;
  /**
   * Seconds a key that went over stays shut out, counted from its first excess. Counters are
   * fixed windows: without a block, a burst that straddles a window's end gets a second
   * window's points at once.
   */
  blockDuration?: number;
};

export const LIMITS = {
  /** Wrong passwords per account from anywhere: a distributed guesser gets 5 tries per 5 minutes. */
  signInAccount: { points: 5, duration: 300 },
  /** Sign-in attempts per client address across accounts (password spraying). */
  signInAddress: { points: 30, duration: 300 },
  /** "Run now" per user. */
  probeRun: { points: 10, duration: 60 },
  /** Readiness re-check per user. */
  recheck: { points: 10, duration: 60 },
  /** "Send a test" to a notification channel per admin: a receiver is not to be flooded from here. */
  channelTest: { points: 10, duration: 60 },
  /** The public share API and page per client address: enough for a few viewers behind one NAT. */
  share: { points: 60, duration: 60, blockDuration: 60 },
} as const satisfies Record<string, Limit>;

export type LimitName = keyof typeof LIMITS;
export type Limiters = Record<LimitName, RateLimiterAbstract>;

export type LimiterBackend = { sqlite: SQLite.Database } | { postgres: pg.Pool };

/** Limiters over an open connection to a store whose migrations have run. */
export function createLimiters(backend: LimiterBackend): Limiters {
  const make = (name: LimitName): RateLimiterAbstract => {
    const { points, duration, blockDuration = 0 }: Limit = LIMITS[name];
    // One sweeper of expired rows (every 5 min) covers the table all limiters share.
    const sweep = name === "signInAccount";
    const common = {
      keyPrefix: name,
      points,
      duration,
      blockDuration,
      tableName: "rate_limit",
      tableCreated: true,
      clearExpiredByTimeout: sweep,
    };
    return "sqlite" in backend
      ? new RateLimiterSQLite({ ...common, storeClient: backend.sqlite, storeType: "better-sqlite3" })
      : new RateLimiterPostgres({ ...common, storeClient: backend.postgres, storeType: "pool" });
  };
  return {
    signInAccount: make("signInAccount"),
    signInAddress: make("signInAddress"),
    probeRun: make("probeRun"),
    recheck: make("recheck"),
    channelTest: make("channelTest"),
    share: make("share"),
  };
}

/**
 * A connection of the limiters' own to a store (tests: a second replica). The app shares its
 * store's connection instead (getLimiters): a second SQLite connection in the same process
 * would wait synchronously, blocking the event loop, on a transaction the first one holds
 * open across an await.
 */
export function openLimiterBackend(target: StoreTarget): LimiterBackend {
  if ("postgresUrl" in target) return { postgres: new pg.Pool({ connectionString: target.postgresUrl, max: 4 }) };
  const database = new SQLite(target.sqlitePath);
  // The app's own connection writes too; wait for its lock rather than fail a sign-in.
  database.pragma("busy_timeout = 5000");
  return { sqlite: database };
}

export function getLimiters(): Promise<Limiters> {
  return processPromise("rate-limiters", async () => {
    const store = await getStore(); // runs the migrations that create rate_limit
    return createLimiters(store.native ?? openLimiterBackend(storeTargetFromEnv()));
  });
}

export type Reservation = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Takes one point for `key`; refused (with the wait) when the limit is spent. */
export async function reserve(limiter: RateLimiterAbstract, key: string): Promise<Reservation> {
  try {
    await limiter.consume(key, 1);
    return { ok: true };
  } catch (err) {
    if (err instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: retryAfterSeconds(err.msBeforeNext) };
    throw err;
  }
}

/** Throws 429 with Retry-After when `name`'s limit for `key` is spent. */
export async function enforceLimit(name: LimitName, key: string, what: string): Promise<void> {
  const r = await reserve((await getLimiters())[name], key);
  if (!r.ok) throw tooMany(r.retryAfterSeconds, what);
}

export function tooMany(retryAfterSeconds: number, what: string): ApiError {
  return new ApiError(
    429,
    "rate_limited",
    `Too many ${what}. Try again in ${retryAfterSeconds} s.`,
    { retryAfterSeconds },
    { "Retry-After": String(retryAfterSeconds) },
  );
}
