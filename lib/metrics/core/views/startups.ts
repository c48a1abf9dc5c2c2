import type { StagingConfig } from "@/lib/config/core/staging-schema";
import { countByWindow, type FailureEvent } from "@/lib/core/failure-causes";
import { chooseFailureCounts, type FailureCountRead } from "@/lib/core/failure-source";
import { makeFigure, maxPointAgeSeconds, windowFigure, type FigureClock } from "@/lib/core/figure";
import { maxOf, oneLine, sumOf, type Series } from "@/lib/core/series";
import {
  countsInWindow,
  latestLatency,
  overallRateSeries,
  rateSeriesByService,
  STARTUP_TARGET,
  successRate,
} from "@/lib/metrics/core/startups";
import { freshnessOf, rangeInfoOf, type Asked, type Read } from "./reads";
import { revisionFigures } from "@/lib/metrics/core/revisions";

/** Everything the Start-ups view reads, in the order its freshness names the first upstream error. */
export type StartupsReads = Asked & {
  probes: Read<Series[]>;
  p50: Read<Series[]>;
  p95: Read<Series[]>;
  p99: Read<Series[]>;
  instances: Read<Series[]>;
  failures: Read<{ events: FailureEvent[]; truncated: boolean }>;
  failureCounts: Read<FailureCountRead>;
  /** The probes grouped by revision_name as well (absent: not read, no revision figures). */
  byRevision?: Read<Series[]>;
  /** Start-up latency p95 grouped by revision_name (absent: revisions carry no latency). */
  p95ByRevision?: Read<Series[]>;
};

const ofService = (series: Series[], service: string) => series.filter((s) => s.labels.service_name === service);

/** Start-ups per service over the range; `service` narrows services and failures to one. */
export function startupsModel(reads: StartupsReads, config: StagingConfig, now: number, service?: string) {
  const { interval, probes, p50, p95, p99, instances } = reads;
  const clock: FigureClock = { now, interval };
  const deployed = config.services.filter((s) => s.deployed).map((s) => s.name);
  const byService = rateSeriesByService(probes.value, deployed);
  const overall = overallRateSeries(byService);
  const overallCounts = countsInWindow(overall, interval.startMs, interval.endMs);
  const latencyStale = p50.stale || p95.stale || p99.stale;

  const services = [...byService.entries()]
    .filter(([name]) => service === undefined || name === service)
    .map(([name, series]) => {
      const counts = countsInWindow(series, interval.startMs, interval.endMs);
      const { t, ...latest } = latestLatency({ p50: p50.value, p95: p95.value, p99: p99.value }, name);
      const states = new Map<string, Series[]>();
      for (const s of ofService(instances.value, name)) {
        const state = s.labels.state ?? "all";
        states.set(state, [...(states.get(state) ?? []), s]);
      }
      return {
        service: name,
        successRate: windowFigure(clock, probes, successRate(counts)),
        counts,
        series,
        latency: makeFigure(t === null ? null : latest, t, now, {
          maxAgeSeconds: maxPointAgeSeconds(interval.periodSeconds),
          stale: latencyStale,
        }),
        latencySeries: {
          p50: oneLine(ofService(p50.value, name), maxOf),
          p95: oneLine(ofService(p95.value, name), maxOf),
          p99: oneLine(ofService(p99.value, name), maxOf),
        },
        instances: [...states.entries()].map(([state, list]) => ({ state, points: oneLine(list, sumOf) })),
        revisions: reads.byRevision
          ? revisionFigures(
              reads.byRevision.value,
              name,
              interval.periodSeconds * 1000,
              reads.p95ByRevision?.value ?? null,
            )
          : [],
      };
    });

  const events = reads.failures.value.events.filter((e) => service === undefined || e.service === service);
  return {
    ...freshnessOf(
      [
        probes,
        p50,
        p95,
        p99,
        instances,
        reads.failures,
        reads.failureCounts,
        ...(reads.byRevision ? [reads.byRevision] : []),
        ...(reads.p95ByRevision ? [reads.p95ByRevision] : []),
      ],
      reads.source,
      now,
    ),
    range: rangeInfoOf(reads),
    target: STARTUP_TARGET,
    overall: {
      successRate: windowFigure(clock, probes, successRate(overallCounts)),
      counts: overallCounts,
      series: overall,
    },
    services,
    failures: chooseFailureCounts(
      reads.failureCounts.value,
      { ...countByWindow(events, interval), truncated: reads.failures.value.truncated },
      interval,
      service,
    ),
  };
}
