import "server-only";
import { instanceCount, startupProbes } from "@/lib/gcp/catalogue";
import { freshness, rangeInfo } from "@/lib/metrics/context";
import { readAll, type MetricsContext } from "@/lib/gcp/read-context";
import { burstFromSeries, MAX_BURST_WINDOW_SECONDS } from "./core/observed-series";
import type { ObservedBurst } from "./core/types";

/**
 * "Use observed burst": the biggest burst per service in the range, read through the shared
 * metrics cache (the same queries as the Start-ups view, so no extra upstream calls when
 * both are open). Never throws: when the data cannot be read the burst is unknown, with why.
 */
export async function observedBurst(ctx: MetricsContext): Promise<ObservedBurst> {
  const names = ctx.config.services.filter((s) => s.deployed).map((s) => s.name);
  const range = rangeInfo(ctx);
  const base = {
    windowSeconds: ctx.interval.periodSeconds,
    range: { preset: range.preset, from: range.from, to: range.to },
  };
  const unknown = (reason: string, measuredAt: string | null = null, stale = false): ObservedBurst => ({
    ...base,
    status: "unknown",
    reason,
    measuredAt,
    stale,
    services: names.map((name) => ({ name, instances: null, at: null, signal: null })),
  });

  if (ctx.interval.periodSeconds > MAX_BURST_WINDOW_SECONDS) {
    return unknown(
      `This range is read in ${ctx.interval.periodSeconds / 60}-minute periods, too coarse to see instances starting at once; pick 6h or shorter.`,
    );
  }
  try {
    const r = await readAll(ctx, {
      probes: ctx.reader.series(startupProbes(ctx.scope), ctx.live),
      instances: ctx.reader.series(instanceCount(ctx.scope), ctx.live),
    });
    const f = freshness(ctx, [r.probes, r.instances]);
    const services = burstFromSeries(r.probes.value, r.instances.value, names, ctx.interval.periodSeconds);
    if (services.every((s) => s.instances === null))
      return unknown("No start-up or instance-count data for any service in this range.", f.measuredAt, f.stale);
    return { ...base, status: "known", reason: null, measuredAt: f.measuredAt, stale: f.stale, services };
  } catch (err) {
    return unknown(`The data could not be read: ${err instanceof Error ? err.message : "unknown error"}`);
  }
}
