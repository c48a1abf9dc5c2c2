import { describe, expect, it } from "vitest";
import { QueryCache, type CacheRequest } from "./cache";
import { UpstreamError, type StatusName } from "./upstream-error";

function setup(options: ConstructorParameters<typeof QueryCache>[0] = {}) {
  let clock = Date.UTC(2025, 0, 1, 12);
  const sleeps: number[] = [];
  const cache = new QueryCache({
    now: () => clock,
    random: () => 0.5,
    sleep: async (ms) => void sleeps.push(ms),
    ...options,
  });
  return { cache, sleeps, advance: (ms: number) => (clock += ms), now: () => clock };
}

const req = (key = "q1", extra: Partial<CacheRequest> = {}): CacheRequest => ({
  key,
  familyKey: "fam",
  ttlMs: 60_000,
  api: "monitoring",
  ...extra,
});
const fail = (code: StatusName) => new UpstreamError("monitoring", code, `${code} from the test`);

describe("QueryCache coalescing", () => {
  it("shares one upstream call between concurrent identical queries", async () => {
    const { cache } = setup();
    let calls = 0;
    let release: (v: string) => void = () => undefined;
    const gate = new Promise<string>((r) => (release = r));
    const load = async () => {
      calls += 1;
      return gate;
    };
    const all = Promise.all(Array.from({ length: 25 }, () => cache.get(req(), load)));
    release("answer");
    const results = await all;
    expect(calls).toBe(1);
    expect(new Set(results.map((r) => r.value))).toEqual(new Set(["answer"]));
    expect(results.every((r) => !r.stale)).toBe(true);
  });

  it("does not share between different keys", async () => {
    const { cache } = setup();
    let calls = 0;
    await Promise.all([cache.get(req("a"), async () => ++calls), cache.get(req("b"), async () => ++calls)]);
    expect(calls).toBe(2);
  });
});

describe("QueryCache TTL", () => {
  it("serves the cached answer until the TTL passes, then reads again", async () => {
    const { cache, advance } = setup();
    let calls = 0;
    const load = async () => ++calls;
    expect((await cache.get(req(), load)).value).toBe(1);
    advance(59_999);
    expect((await cache.get(req(), load)).value).toBe(1);
    advance(1);
    expect((await cache.get(req(), load)).value).toBe(2);
    expect(calls).toBe(2);
  });

  it("does not answer a new interval with the previous interval's data while the upstream is fine", async () => {
    const { cache } = setup();
    await cache.get(req("interval-1"), async () => "old");
    expect((await cache.get(req("interval-2"), async () => "new")).value).toBe("new");
  });
});

describe("QueryCache rolling ranges", () => {
  it("requests straddling a minute boundary do not fork the key: the newer interval answers the older one", async () => {
    const { cache, advance } = setup();
    let calls = 0;
    const load = async () => ++calls;
    await cache.get(req("minute-1", { order: 1 }), load);
    advance(30_000);
    await cache.get(req("minute-2", { order: 2 }), load);
    // A viewer whose request was built a moment before the boundary arrives late.
    expect((await cache.get(req("minute-1", { order: 1 }), load)).value).toBe(2);
    expect((await cache.get(req("minute-2", { order: 2 }), load)).value).toBe(2);
    expect(calls).toBe(2);
  });

  it("a late answer for an older interval never replaces the newer one", async () => {
    const { cache, advance } = setup();
    let calls = 0;
    let releaseOld: (v: string) => void = () => undefined;
    const oldGate = new Promise<string>((r) => (releaseOld = r));
    advance(0);
    const old = cache.get(req("minute-1", { order: 1 }), async () => {
      calls++;
      return oldGate;
    });
    await cache.get(req("minute-2", { order: 2 }), async () => {
      calls++;
      return "new";
    });
    releaseOld("old");
    expect((await old).value).toBe("old");
    expect((await cache.get(req("minute-2", { order: 2 }), async () => "again")).value).toBe("new");
    expect(calls).toBe(2);
  });

  it("joins a newer interval already in flight instead of asking for the older one", async () => {
    const { cache } = setup();
    let calls = 0;
    let release: (v: string) => void = () => undefined;
    const gate = new Promise<string>((r) => (release = r));
    const newer = cache.get(req("minute-2", { order: 2 }), async () => {
      calls++;
      return gate;
    });
    const older = cache.get(req("minute-1", { order: 1 }), async () => {
      calls++;
      return "old";
    });
    release("new");
    expect([(await newer).value, (await older).value]).toEqual(["new", "new"]);
    expect(calls).toBe(1);
  });

  it("a newer interval still reads again (no order: unchanged behaviour)", async () => {
    const { cache } = setup();
    await cache.get(req("minute-1", { order: 1 }), async () => "old");
    expect((await cache.get(req("minute-2", { order: 2 }), async () => "new")).value).toBe("new");
    await cache.get(req("c-1"), async () => "x");
    expect((await cache.get(req("c-0"), async () => "y")).value).toBe("y");
  });
});

describe("QueryCache stale-on-error", () => {
  it("serves the last good answer marked stale, with the time it was fetched", async () => {
    const { cache, advance, now } = setup();
    const fetchedAt = now();
    await cache.get(req(), async () => "good");
    advance(120_000);
    const r = await cache.get(req(), async () => Promise.reject(fail("PERMISSION_DENIED")));
    expect(r).toMatchObject({ value: "good", stale: true, fetchedAt });
    expect(r.error?.code).toBe("PERMISSION_DENIED");
    expect(now() - r.fetchedAt).toBe(120_000);
  });

  it("covers the next interval of the same query family with the stale copy", async () => {
    const { cache, advance } = setup();
    await cache.get(req("interval-1"), async () => "good");
    advance(60_000);
    const r = await cache.get(req("interval-2"), async () => Promise.reject(fail("RESOURCE_EXHAUSTED")));
    expect(r).toMatchObject({ value: "good", stale: true });
  });

  it("throws the upstream error when there is no stale copy", async () => {
    const { cache } = setup();
    await expect(cache.get(req(), async () => Promise.reject(fail("PERMISSION_DENIED")))).rejects.toMatchObject({
      code: "PERMISSION_DENIED",
    });
  });

  it("remembers a failure briefly instead of asking again for every viewer", async () => {
    const { cache, advance } = setup({ errorTtlMs: 5_000 });
    let calls = 0;
    const load = async () => {
      calls += 1;
      throw fail("PERMISSION_DENIED");
    };
    await expect(cache.get(req(), load)).rejects.toBeInstanceOf(UpstreamError);
    await expect(cache.get(req(), load)).rejects.toBeInstanceOf(UpstreamError);
    expect(calls).toBe(1);
    advance(5_000);
    await expect(cache.get(req(), load)).rejects.toBeInstanceOf(UpstreamError);
    expect(calls).toBe(2);
  });

  it("lets programming errors through without stale cover", async () => {
    const { cache, advance } = setup();
    await cache.get(req(), async () => "good");
    advance(60_000);
    await expect(cache.get(req(), async () => Promise.reject(new TypeError("bug")))).rejects.toBeInstanceOf(TypeError);
  });
});

describe("QueryCache retries", () => {
  it.each([
    ["UNAVAILABLE", 2],
    ["DEADLINE_EXCEEDED", 2],
    ["PERMISSION_DENIED", 1],
    ["RESOURCE_EXHAUSTED", 1],
    ["INVALID_ARGUMENT", 1],
    ["UNAUTHENTICATED", 1],
    ["INTERNAL", 1],
  ] as const)("%s → %d attempt(s)", async (code, attempts) => {
    const { cache } = setup();
    let calls = 0;
    const load = async () => {
      calls += 1;
      if (calls === 1) throw fail(code);
      return "ok";
    };
    const outcome = await cache.get(req(), load).then(
      (r) => r.value,
      (e: UpstreamError) => e.code,
    );
    expect(calls).toBe(attempts);
    expect(outcome).toBe(attempts === 2 ? "ok" : code);
  });

  it("backs off with full jitter, exponentially, and gives up after maxAttempts", async () => {
    const randoms = [0.5, 0.25];
    const { cache, sleeps } = setup({ maxAttempts: 3, baseDelayMs: 100, random: () => randoms.shift() ?? 0 });
    let calls = 0;
    const load = async () => {
      calls += 1;
      throw fail("UNAVAILABLE");
    };
    await expect(cache.get(req(), load)).rejects.toMatchObject({ code: "UNAVAILABLE" });
    expect(calls).toBe(3);
    expect(sleeps).toEqual([50, 50]); // 0.5 × 100, then 0.25 × 200
  });

  it("does not retry past the query's deadline", async () => {
    const { cache, sleeps } = setup({ deadlineMs: 100, baseDelayMs: 1_000, random: () => 1 });
    let calls = 0;
    await expect(
      cache.get(req(), async () => {
        calls += 1;
        throw fail("UNAVAILABLE");
      }),
    ).rejects.toMatchObject({ code: "UNAVAILABLE" });
    expect(calls).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it("hands the loader a deadline 10 s out by default", async () => {
    const { cache } = setup();
    const before = Date.now();
    const r = await cache.get(req(), async (budget) => budget.deadlineAt);
    expect(r.value - before).toBeGreaterThanOrEqual(10_000);
    expect(r.value - Date.now()).toBeLessThanOrEqual(10_000);
  });
});
