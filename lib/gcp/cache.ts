import "server-only";
import { isRetryable, UpstreamError, type UpstreamApi } from "./upstream-error";
import { processSingleton } from "@/lib/base/singleton";
import { Coalescer } from "@/lib/base/coalesce";

/**
 * The one cache between every viewer and Google's read quota (~6,000 reads/min/project,
 * shared by everyone). Per query:
 *  - identical queries in flight share one upstream call (coalescing);
 *  - an answer is fresh for its TTL (the caller passes the alignment period, 30 s – 5 min);
 *  - when the upstream fails, the last good answer of the same query family is returned
 *    with `stale: true` and the time it was fetched — never as fresh;
 *  - UNAVAILABLE and DEADLINE_EXCEEDED are retried with full-jitter exponential back-off,
 *    nothing else (a denied or over-quota read will not succeed by asking again);
 *  - the whole query, retries and pages included, has a 10 s deadline;
 *  - a failure is remembered for a few seconds so 100 viewers do not hammer a broken API.
 */

export type CallBudget = { deadlineAt: number };

/** Milliseconds left before the query's deadline; throws DEADLINE_EXCEEDED when none are. */
export function remainingMs(budget: CallBudget, api: UpstreamApi): number {
  const left = budget.deadlineAt - Date.now();
  if (left <= 0)
    throw new UpstreamError(api, "DEADLINE_EXCEEDED", "the query's deadline passed before the call was made");
  return left;
}

export type Loader<T> = (budget: CallBudget, attempt: number) => Promise<T>;

export type CacheRequest = {
  /** Everything that changes the answer, interval included. */
  key: string;
  /** The query without its interval: where a stale copy may be found. Defaults to key. */
  familyKey?: string;
  /**
   * For a rolling range (a family whose interval moves with the clock): the interval's end.
   * A fresh answer for a newer interval of the family serves a request for an older one, and
   * an older answer never replaces a newer one — so requests straddling a minute boundary
   * do not fork the key and ping-pong between two upstream calls.
   */
  order?: number;
  ttlMs: number;
  api: UpstreamApi;
};

export type CacheResult<T> = {
  value: T;
  /** Epoch ms when this value was read from the upstream. */
  fetchedAt: number;
  stale: boolean;
  /** Why a stale copy was served. */
  error?: UpstreamError;
};

export type QueryCacheOptions = {
  now?: () => number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  deadlineMs?: number;
  errorTtlMs?: number;
  maxEntries?: number;
};

type Entry = { key: string; value: unknown; fetchedAt: number; order?: number };
type Failure = { error: UpstreamError; until: number };

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class QueryCache {
  private readonly entries = new Map<string, Entry>();
  private readonly failures = new Map<string, Failure>();
  private readonly inflight = new Coalescer<string, CacheResult<unknown>>();
  private readonly inflightByFamily = new Map<string, { order: number; promise: Promise<CacheResult<unknown>> }>();
  private readonly o: Required<QueryCacheOptions>;

  constructor(options: QueryCacheOptions = {}) {
    this.o = {
      now: Date.now,
      random: Math.random,
      sleep: defaultSleep,
      maxAttempts: 3,
      baseDelayMs: 250,
      maxDelayMs: 2_000,
      deadlineMs: 10_000,
      errorTtlMs: 5_000,
      maxEntries: 1_000,
      ...options,
    };
  }

  async get<T>(req: CacheRequest, load: Loader<T>): Promise<CacheResult<T>> {
    const family = req.familyKey ?? req.key;
    const entry = this.entries.get(family);
    const now = this.o.now();
    if (entry && (entry.key === req.key || isNewer(entry.order, req.order)) && now - entry.fetchedAt < req.ttlMs) {
      return { value: entry.value as T, fetchedAt: entry.fetchedAt, stale: false };
    }
    // A newer interval of the same rolling range already on its way answers this one too.
    const newer = req.order !== undefined ? this.inflightByFamily.get(family) : undefined;
    if (newer && isNewer(newer.order, req.order)) return (await newer.promise) as CacheResult<T>;
    const failure = this.failures.get(req.key);
    if (failure && now < failure.until) return this.staleOrThrow<T>(family, failure.error);

    const pending = this.inflight.run(req.key, () => {
      const started = this.refresh(req, family, load as Loader<unknown>).finally(() => {
        if (this.inflightByFamily.get(family)?.promise === started) this.inflightByFamily.delete(family);
      });
      if (req.order !== undefined) this.inflightByFamily.set(family, { order: req.order, promise: started });
      return started;
    });
    return (await pending) as CacheResult<T>;
  }

  /** Forget everything (tests, and a config reload that changes every query). */
  clear(): void {
    this.entries.clear();
    this.failures.clear();
  }

  private async refresh(req: CacheRequest, family: string, load: Loader<unknown>): Promise<CacheResult<unknown>> {
    try {
      const value = await this.withRetries(load);
      const fetchedAt = this.o.now();
      const current = this.entries.get(family);
      // A late answer for an older interval must not push out a newer one.
      if (current && isNewer(current.order, req.order) && current.key !== req.key)
        return { value, fetchedAt, stale: false };
      this.remember(family, {
        key: req.key,
        value,
        fetchedAt,
        ...(req.order !== undefined ? { order: req.order } : {}),
      });
      this.failures.delete(req.key);
      return { value, fetchedAt, stale: false };
    } catch (err) {
      if (!(err instanceof UpstreamError)) throw err; // a bug, not an outage: no stale cover
      this.failures.set(req.key, { error: err, until: this.o.now() + this.o.errorTtlMs });
      return this.staleOrThrow(family, err);
    }
  }

  private async withRetries(load: Loader<unknown>): Promise<unknown> {
    // Wall clock on purpose: the deadline is about real waiting, whatever `now` says.
    const deadlineAt = Date.now() + this.o.deadlineMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await load({ deadlineAt }, attempt);
      } catch (err) {
        if (!isRetryable(err) || attempt >= this.o.maxAttempts) throw err;
        // Full jitter: a random wait up to the exponential cap, so retries from many
        // processes do not arrive in lockstep.
        const cap = Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** (attempt - 1));
        const delay = this.o.random() * cap;
        if (Date.now() + delay >= deadlineAt) throw err;
        await this.o.sleep(delay);
      }
    }
  }

  private staleOrThrow<T>(family: string, error: UpstreamError): CacheResult<T> {
    const entry = this.entries.get(family);
    if (!entry) throw error;
    return { value: entry.value as T, fetchedAt: entry.fetchedAt, stale: true, error };
  }

  private remember(family: string, entry: Entry): void {
    // Re-inserting moves the family to the end: Map order doubles as least-recently-written.
    this.entries.delete(family);
    this.entries.set(family, entry);
    while (this.entries.size > this.o.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    for (const [key, f] of this.failures) if (f.until <= this.o.now()) this.failures.delete(key);
  }
}

/** True when an entry of order `a` is at least as new as a request of order `b` (both rolling). */
function isNewer(a: number | undefined, b: number | undefined): boolean {
  return a !== undefined && b !== undefined && a >= b;
}

/** The process-wide cache every route shares. */
export function getQueryCache(): QueryCache {
  return processSingleton("query-cache", () => new QueryCache());
}
