import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { logMetricsOf } from "@/emulator/log-metrics";
import { FIXED_NOW } from "@/emulator/testing";
import { parseStagingConfig } from "@/lib/config/staging-config";
import { emulatedStaging, type EmulatedStaging } from "@/lib/evidence/testing";
import { CAUSES, countByWindow } from "@/lib/core/failure-causes";
import { resetFailureMetricsMemo } from "@/lib/gcp/log-metric-counts";
import { parseTimeRange } from "@/lib/core/time-range";
import { metricsContext } from "@/lib/gcp/read-context";
import { overview } from "./overview";
import { startups } from "./startups";

/** The Overview's failures by cause against the real emulator: log-based metric counts, and the fallbacks. */

const config = parseStagingConfig(readFileSync("staging.config.json", "utf8"), "staging.config.json", {});
let staging: EmulatedStaging;

beforeAll(async () => {
  staging = await emulatedStaging("incident", FIXED_NOW);
});
afterAll(async () => {
  await staging.close();
});
beforeEach(() => {
  // A new live interval, so no test sees the previous one's cached answer.
  staging.clock.advance(10 * 60_000);
  resetFailureMetricsMemo();
  const s = logMetricsOf(staging.emulator.state);
  s.metrics.clear();
  s.writable = true;
});

function ctx(range: string) {
  const now = staging.clock.now();
  const parsed = parseTimeRange(new URLSearchParams(range), new Date(now));
  if (!parsed.ok) throw parsed.error;
  return metricsContext(staging.reader, config, parsed.range, now);
}

const noProbes = async () => [];

describe("Overview failures by cause", () => {
  it("without permission to create metrics: the capped log read, and it says so", async () => {
    logMetricsOf(staging.emulator.state).writable = false;
    const body = await overview(ctx("range=6h"), noProbes);
    expect(body.failures.source).toBe("log-read (capped)");
    expect(body.failures.countingSince).toBeNull();
    expect(body.failures.note).toContain("roles/logging.configWriter");
    expect(body.failures.truncated).toBe(true);
  });

  it("metrics created now say when counting began and do not pretend to cover the range", async () => {
    const body = await overview(ctx("range=6h"), noProbes);
    expect(body.failures.countingSince).toBe(new Date(staging.clock.now()).toISOString());
    expect(body.failures.note).toMatch(/count/i);
    // The 6 h incident has more lines than the cap: counted since creation, never a false total.
    if (body.failures.source === "log-metric") expect(body.failures.note).toContain("Counted since");
    else expect(body.failures.truncated).toBe(true);
  });

  it("once the metrics counted the whole range, exact counts from Monitoring that agree with the log lines", async () => {
    await overview(ctx("range=6h"), noProbes);
    staging.clock.advance(90 * 60_000);
    const c = ctx("range=1h");
    const body = await overview(c, noProbes);
    expect(body.failures.source).toBe("log-metric");
    expect(body.failures.truncated).toBe(false);
    expect(body.failures.note).toBeNull();
    const read = (await staging.reader.failures(c.interval, c.live)).value;
    // Monitoring has the points up to its ingestion delay (like every metric); the lines up to then must agree.
    const visibleEndMs = Math.floor(staging.emulator.state.visibleUntilSeconds() / 60) * 60_000;
    expect(visibleEndMs).toBeLessThan(c.interval.endMs);
    const fromLines = countByWindow(
      read.events.filter((e) => Date.parse(e.time) < visibleEndMs),
      c.interval,
    ).totals;
    expect(read.truncated).toBe(false);
    expect(body.failures.totals).toEqual(fromLines);
    expect(CAUSES.reduce((n, k) => n + body.failures.totals[k], 0)).toBeGreaterThan(0);
  });

  it("the Start-ups view's failures over time for one service come from the same metrics", async () => {
    await overview(ctx("range=6h"), noProbes);
    staging.clock.advance(90 * 60_000);
    const c = ctx("range=1h");
    const body = await startups(c, "backend");
    expect(body.failures.source).toBe("log-metric");
    const visibleEndMs = Math.floor(staging.emulator.state.visibleUntilSeconds() / 60) * 60_000;
    const read = (await staging.reader.failures(c.interval, c.live)).value;
    const lines = countByWindow(
      read.events.filter((e) => e.service === "backend" && Date.parse(e.time) < visibleEndMs),
      c.interval,
    );
    expect(read.truncated).toBe(false);
    expect(body.failures.totals).toEqual(lines.totals);
    for (const cause of CAUSES)
      expect(body.failures.windows.reduce((n, w) => n + w.counts[cause], 0)).toBe(body.failures.totals[cause]);
  });
});
