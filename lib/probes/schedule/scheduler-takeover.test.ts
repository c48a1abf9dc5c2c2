import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ProbeConfig } from "@/lib/config/core/staging-schema";
import { ProbeScheduler } from "./scheduler";
import { probeConfig, upResult } from "@/lib/probes/testing";
import type { ProbeResult } from "@/lib/probes/core/types";

const T0 = Date.UTC(2025, 0, 1);
const tcp = (name: string, intervalSeconds: number) =>
  probeConfig({ name, type: "tcp", host: "127.0.0.1", port: 1, intervalSeconds });

function recorder() {
  const starts: Record<string, number[]> = {};
  const run = async (cfg: ProbeConfig): Promise<ProbeResult> => {
    (starts[cfg.name] ??= []).push(Date.now());
    await new Promise((r) => setTimeout(r, 5));
    return upResult(cfg);
  };
  return { starts, run };
}

/** No jitter, and the latest start a random first run may take: the bounds are what is asserted. */
const scheduler = (h: ReturnType<typeof recorder>) =>
  new ProbeScheduler({ run: h.run, onResult: () => undefined, concurrency: 10, jitter: 0, random: () => 0.999 });

describe("scheduler taking over from another leader (startFrom)", () => {
  beforeEach(() => vi.useFakeTimers({ now: T0 }));
  afterEach(() => vi.useRealTimers());

  it("continues each target one interval after its last stored attempt; overdue ones within a quarter interval; unknown ones within one", async () => {
    const h = recorder();
    const s = scheduler(h);
    s.setTargets([tcp("recent", 30), tcp("overdue", 40), tcp("never", 20)]);
    s.startFrom(
      new Map([
        ["recent", T0 - 10_000],
        ["overdue", T0 - 100_000],
      ]),
    );
    await vi.advanceTimersByTimeAsync(25_000);
    s.stop();
    expect(h.starts.recent).toEqual([T0 + 20_000]);
    expect(h.starts.overdue?.[0]).toBeLessThanOrEqual(T0 + 10_000);
    expect(h.starts.never?.[0]).toBeLessThanOrEqual(T0 + 20_000);
    expect(h.starts.never?.[0]).toBeGreaterThan(T0 + 10_000);
  });

  it("a never-run target with a long interval (the 5-minute rehearsal) first runs within a minute, not within its interval", async () => {
    const h = recorder();
    const s = scheduler(h);
    s.setTargets([tcp("rehearsal", 300)]);
    s.startFrom(new Map());
    await vi.advanceTimersByTimeAsync(61_000);
    s.stop();
    expect(h.starts.rehearsal?.[0]).toBeGreaterThan(T0 + 59_000);
    expect(h.starts.rehearsal?.[0]).toBeLessThanOrEqual(T0 + 60_000);
  });

  it("stop() starts nothing more, not even attempts waiting for a free slot; a later startFrom does not replay the backlog", async () => {
    const h = recorder();
    const s = new ProbeScheduler({ run: h.run, onResult: () => undefined, concurrency: 1, jitter: 0, random: () => 0 });
    s.setTargets([tcp("a", 5), tcp("b", 5), tcp("c", 5)]);
    s.start();
    await vi.advanceTimersByTimeAsync(1);
    s.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    const startedWhileLeading = Object.values(h.starts).flat().length;
    expect(startedWhileLeading).toBe(1);
    s.startFrom(
      new Map([
        ["a", T0 + 59_000],
        ["b", T0 + 59_000],
        ["c", T0 + 59_000],
      ]),
    );
    await vi.advanceTimersByTimeAsync(3_000);
    expect(Object.values(h.starts).flat().length).toBe(1);
    await vi.advanceTimersByTimeAsync(2_100);
    expect(Object.values(h.starts).flat().length).toBe(4);
    s.stop();
  });
});
