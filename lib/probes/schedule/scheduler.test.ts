import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ProbeConfig } from "@/lib/config/core/staging-schema";
import { ProbeScheduler } from "./scheduler";
import { probeConfig, upResult } from "@/lib/probes/testing";
import type { ProbeResult } from "@/lib/probes/core/types";

const tcp = (name: string, intervalSeconds: number) =>
  probeConfig({ name, type: "tcp", host: "127.0.0.1", port: 1, intervalSeconds });

/** A stand-in attempt that takes `ms` of (fake) time and tracks how many run at once. */
function harness(durations: Record<string, number>, fail: Set<string> = new Set()) {
  const starts: Record<string, number[]> = {};
  const perTarget: Record<string, number> = {};
  let active = 0;
  let maxActive = 0;
  let maxPerTarget = 0;
  const run = async (cfg: ProbeConfig): Promise<ProbeResult> => {
    (starts[cfg.name] ??= []).push(Date.now());
    active++;
    perTarget[cfg.name] = (perTarget[cfg.name] ?? 0) + 1;
    maxActive = Math.max(maxActive, active);
    maxPerTarget = Math.max(maxPerTarget, perTarget[cfg.name] ?? 0);
    await new Promise((r) => setTimeout(r, durations[cfg.name] ?? 10));
    active--;
    perTarget[cfg.name] = (perTarget[cfg.name] ?? 1) - 1;
    if (fail.has(cfg.name)) throw new Error(`bug in ${cfg.name}`);
    return upResult(cfg);
  };
  const results: string[] = [];
  return {
    run,
    starts,
    results,
    onResult: (_: ProbeConfig, r: ProbeResult) => results.push(r.probe),
    stats: () => ({ maxActive, maxPerTarget }),
  };
}

describe("probe scheduler", () => {
  beforeEach(() => vi.useFakeTimers({ now: Date.UTC(2025, 0, 1) }));
  afterEach(() => vi.useRealTimers());

  it("runs each target on its own interval, first runs spread over one interval", async () => {
    const h = harness({});
    const s = new ProbeScheduler({ run: h.run, onResult: h.onResult, concurrency: 10 });
    s.setTargets([tcp("fast", 5), tcp("slow", 20)]);
    s.start();
    await vi.advanceTimersByTimeAsync(120_000);
    s.stop();
    expect(h.starts.fast?.length).toBeGreaterThanOrEqual(23);
    expect(h.starts.fast?.length).toBeLessThanOrEqual(25);
    expect(h.starts.slow?.length).toBeGreaterThanOrEqual(5);
    expect(h.starts.slow?.length).toBeLessThanOrEqual(7);
    const gaps = (h.starts.fast ?? []).slice(1).map((t, i) => t - (h.starts.fast?.[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(4_800);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(5_200);
    expect(s.stats.lags.every((l) => l >= 0 && l < 50)).toBe(true);
  });

  it("spreads first runs of long intervals over one minute at most", async () => {
    const h = harness({});
    const s = new ProbeScheduler({ run: h.run, onResult: h.onResult, concurrency: 10, random: () => 0.99 });
    s.setTargets([tcp("hourly", 3600), tcp("rehearsal", 300)]);
    s.start();
    await vi.advanceTimersByTimeAsync(60_000);
    s.stop();
    expect(h.starts.hourly?.length).toBe(1);
    expect(h.starts.rehearsal?.length).toBe(1);
  });

  it("never runs one target twice at once: a due time during a run is skipped", async () => {
    const h = harness({ hung: 12_000 });
    const s = new ProbeScheduler({ run: h.run, onResult: h.onResult, concurrency: 10 });
    s.setTargets([tcp("hung", 5)]);
    s.start();
    await vi.advanceTimersByTimeAsync(60_000);
    s.stop();
    expect(h.stats().maxPerTarget).toBe(1);
    expect(s.stats.skippedOverlap).toBeGreaterThan(0);
    expect(s.stats.started + s.stats.skippedOverlap).toBe(s.stats.due);
  });

  it("an overloaded prober queues each target once: a due time while it still waits for a slot is skipped", async () => {
    const names = Array.from({ length: 6 }, (_, i) => `t${i}`);
    // One slot, 6 targets of 3 s each every 5 s: far more work than time.
    const h = harness(Object.fromEntries(names.map((n) => [n, 3_000])));
    const s = new ProbeScheduler({ run: h.run, onResult: h.onResult, concurrency: 1, random: () => 0.5 });
    s.setTargets(names.map((n) => tcp(n, 5)));
    s.start();
    await vi.advanceTimersByTimeAsync(60_000);
    s.stop();
    // Every target still gets its turn (round robin), none runs twice in a row from a backlog.
    for (const n of names) expect(h.starts[n]?.length).toBeGreaterThanOrEqual(3);
    const order = names.flatMap((n) => (h.starts[n] ?? []).map((t) => [t, n] as const)).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < order.length; i++) expect(order[i]?.[1]).not.toBe(order[i - 1]?.[1]);
    expect(s.stats.skippedOverlap).toBeGreaterThan(0);
    expect(s.stats.started + s.stats.skippedOverlap).toBeLessThanOrEqual(s.stats.due);
  });

  it("bounds concurrency across targets", async () => {
    const names = Array.from({ length: 10 }, (_, i) => `t${i}`);
    const h = harness(Object.fromEntries(names.map((n) => [n, 2_000])));
    const s = new ProbeScheduler({ run: h.run, onResult: h.onResult, concurrency: 2 });
    s.setTargets(names.map((n) => tcp(n, 5)));
    s.start();
    await vi.advanceTimersByTimeAsync(30_000);
    s.stop();
    expect(h.stats().maxActive).toBe(2);
  });

  it("keeps going when one target's run throws", async () => {
    const h = harness({}, new Set(["broken"]));
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const s = new ProbeScheduler({ run: h.run, onResult: h.onResult, concurrency: 5 });
    s.setTargets([tcp("broken", 5), tcp("fine", 5)]);
    s.start();
    await vi.advanceTimersByTimeAsync(31_000);
    s.stop();
    expect(h.starts.broken?.length).toBeGreaterThanOrEqual(6);
    expect(h.results.filter((n) => n === "fine").length).toBeGreaterThanOrEqual(6);
    expect(errors).toHaveBeenCalledWith(expect.stringContaining("bug in broken"));
    errors.mockRestore();
  });

  it("hot reload: removed targets stop, changed ones take the new interval, unchanged keep their schedule", async () => {
    const h = harness({});
    // No jitter (random 0.5 is the middle), so a 10-s target starts exactly 3 times in 30 s.
    const s = new ProbeScheduler({ run: h.run, onResult: h.onResult, concurrency: 5, random: () => 0.5 });
    s.setTargets([tcp("keep", 10), tcp("drop", 5), tcp("change", 30)]);
    s.start();
    await vi.advanceTimersByTimeAsync(30_000);
    const keepBefore = h.starts.keep?.length ?? 0;
    const dropBefore = h.starts.drop?.length ?? 0;
    s.setTargets([tcp("keep", 10), tcp("change", 5)]);
    await vi.advanceTimersByTimeAsync(30_000);
    s.stop();
    expect(h.starts.drop?.length).toBe(dropBefore);
    expect((h.starts.keep?.length ?? 0) - keepBefore).toBe(3);
    expect(h.starts.change?.length).toBeGreaterThanOrEqual(6);
    expect(s.targetNames().sort()).toEqual(["change", "keep"]);
  });

  it("run now joins an attempt in flight instead of starting a second", async () => {
    const h = harness({ slow: 3_000 });
    const s = new ProbeScheduler({ run: h.run, onResult: h.onResult, concurrency: 5 });
    s.setTargets([tcp("slow", 60)]);
    const a = s.runNow("slow");
    const b = s.runNow("slow");
    expect(a).toBe(b);
    expect(s.runNow("nope")).toBeNull();
    await vi.advanceTimersByTimeAsync(3_000);
    await a;
    expect(h.starts.slow?.length).toBe(1);
  });

  it("a re-check is one extra attempt beside the schedule, asked once while pending, never when stopped", async () => {
    const h = harness({});
    const s = new ProbeScheduler({ run: h.run, onResult: h.onResult, concurrency: 5, random: () => 0.5 });
    s.setTargets([tcp("api", 60)]);
    s.recheck("api", 1_000);
    s.recheck("nope", 1_000);
    expect(h.starts.api).toBeUndefined();
    s.start();
    // First run at 30 s (half the 60-s spread); re-checks at 31 s, asked twice, run once.
    await vi.advanceTimersByTimeAsync(30_100);
    s.recheck("api", 1_000);
    s.recheck("api", 1_000);
    await vi.advanceTimersByTimeAsync(200_000);
    s.stop();
    const t0 = Date.UTC(2025, 0, 1);
    expect(h.starts.api?.map((t) => (t - t0) / 1000)).toEqual([30, 31.1, 90, 150, 210]);
    expect(s.stats.rechecks).toBe(1);
  });
});
