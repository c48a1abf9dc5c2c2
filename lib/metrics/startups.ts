import "server-only";
import { instanceCount, startupLatency, startupProbes } from "@/lib/gcp/catalogue";
import { countByWindow } from "@/lib/health/failure-causes";
import type { Series } from "@/lib/health/series";
import { makeFigure, maxPointAgeSeconds } from "@/lib/health/figure";
import {
  countsInWindow,
  latestLatency,
  overallRateSeries,
  rateSeriesByService,
  STARTUP_TARGET,
  successRate,
} from "@/lib/health/startups";
import { chooseFailureCounts } from "./failure-source";
import { freshness, rangeInfo, readAll, type MetricsContext } from "./context";
import { maxOf, oneLine, sumOf, windowFigure } from "./figures";
import type { StartupsResponse } from "./schemas";

const ofService = (series: Series[], service: string) => series.filter((s) => s.labels.service_name === service);

/** Start-ups per service over the range; `service` narrows services and failures to one. */
export async function startups(ctx: MetricsContext, service?: string): Promise<StartupsResponse> {
  const { reader, scope, live, config, interval } = ctx;
  const r = await readAll(ctx, {
    probes: reader.series(startupProbes(scope), live),
    p50: reader.series(startupLatency(scope, 50), live),
    p95: reader.series(startupLatency(scope, 95), live),
    p99: reader.series(startupLatency(scope, 99), live),
    instances: reader.series(instanceCount(scope), live),
    failures: reader.failures(interval, live),
    failureCounts: reader.failureCounts(interval, live),
  });

  const deployed = config.services.filter((s) => s.deployed).map((s) => s.name);
  const byService = rateSeriesByService(r.probes.value, deployed);
  const overall = overallRateSeries(byService);
  const overallCounts = countsInWindow(overall, interval.startMs, interval.endMs);
  const latencyStale = r.p50.stale || r.p95.stale || r.p99.stale;

  const services = [...byService.entries()]
    .filter(([name]) => service === undefined || name === service)
    .map(([name, series]) => {
      const counts = countsInWindow(series, interval.startMs, interval.endMs);
      const { t, ...latest } = latestLatency({ p50: r.p50.value, p95: r.p95.value, p99: r.p99.value }, name);
      const states = new Map<string, Series[]>();
      for (const s of ofService(r.instances.value, name)) {
        const state = s.labels.state ?? "all";
        states.set(state, [...(states.get(state) ?? []), s]);
      }
      return {
        service: name,
        successRate: windowFigure(ctx, r.probes, successRate(counts)),
        counts,
        series,
        latency: makeFigure(t === null ? null : latest, t, ctx.now, {
          maxAgeSeconds: maxPointAgeSeconds(interval.periodSeconds),
          stale: latencyStale,
        }),
        latencySeries: {
          p50: oneLine(ofService(r.p50.value, name), maxOf),
          p95: oneLine(ofService(r.p95.value, name), maxOf),
          p99: oneLine(ofService(r.p99.value, name), maxOf),
        },
        instances: [...states.entries()].map(([state, list]) => ({ state, points: oneLine(list, sumOf) })),
      };
    });

  const events = r.failures.value.events.filter((e) => service === undefined || e.service === service);
  return {
    ...freshness(ctx, Object.values(r)),
    range: rangeInfo(ctx),
    target: STARTUP_TARGET,
    overall: {
      successRate: windowFigure(ctx, r.probes, successRate(overallCounts)),
      counts: overallCounts,
      series: overall,
    },
    services,
    failures: chooseFailureCounts(
      r.failureCounts.value,
      { ...countByWindow(events, interval), truncated: r.failures.value.truncated },
      interval,
      service,
    ),
  };
}
