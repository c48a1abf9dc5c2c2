import { formatDurationWords } from "@/lib/core/format";
import type { StagingConfig } from "@/lib/config/core/staging-schema";
import { headroom, instanceLimits, instancesAt, throughputBits } from "@/lib/metrics/core/connector";
import { backendUsage, latestPoint } from "@/lib/metrics/core/database";
import { countByWindow, type FailureEvent } from "@/lib/core/failure-causes";
import { chooseFailureCounts, type FailureCountRead } from "@/lib/core/failure-source";
import { figureAt, pointFigure, windowFigure, type FigureClock } from "@/lib/core/figure";
import type { MaintenanceWindow } from "@/lib/config/core/maintenance/types";
import { overviewVerdict } from "@/lib/metrics/core/overview-verdict";
import { type ProbeEvidence } from "@/lib/probes/core/evidence";
import { minOf, oneLine, sumOf, type Series } from "@/lib/core/series";
import {
  countsInWindow,
  failingSince,
  overallRateSeries,
  rateSeriesByService,
  STARTUP_TARGET,
  successRate,
} from "@/lib/metrics/core/startups";
import type { ChangeEvidence } from "@/lib/changes/core/correlate";
import { basisAt } from "@/lib/changes/core/connector-size";
import { freshnessOf, rangeInfoOf, type Asked, type Read } from "./reads";

/** The failure log lines of the range, and where to open the same query in the Logs Explorer. */
export type FailureLog = { events: FailureEvent[]; truncated: boolean; explorerUrl: string };

/** Everything the Overview reads, in the order its freshness names the first upstream error. */
export type OverviewReads = Asked & {
  probes: Read<Series[]>;
  sent: Read<Series[]>;
  received: Read<Series[]>;
  instances: Read<Series[]>;
  up: Read<Series[]>;
  backends: Read<Series[]>;
  failures: Read<FailureLog>;
  failureCounts: Read<FailureCountRead>;
  /** The golden-path probes as the verdict sees them (the store's newest results). */
  goldenPath: readonly ProbeEvidence[];
  /** Changes from the audit log (range plus look-back); absent: not read. */
  changes?: ChangeEvidence;
  /** Maintenance windows running now; absent: none. */
  maintenance?: readonly MaintenanceWindow[];
};

/** The verdict window: the phase-1 criterion's hour, or the whole range if shorter. */
export const VERDICT_WINDOW_MS = 3_600_000;

export function windowLabel(live: boolean, windowMs: number): string {
  const span = windowMs === VERDICT_WINDOW_MS ? "hour" : formatDurationWords(windowMs / 1000);
  return live ? `the last ${span}` : `the last ${span} of the range`;
}

/** The Overview shows totals only. */
function withoutWindows<T extends { windows: unknown }>(counts: T): Omit<T, "windows"> {
  const rest: Partial<T> = { ...counts };
  delete rest.windows;
  return rest as Omit<T, "windows">;
}

/**
 * The whole Overview answer from what was read, the config and the clock: the verdict, start-up
 * success against the target, failures by cause, connector headroom and Cloud SQL, each figure
 * dated by its newest point. Missing or stale data gives unknown figures and an unknown (never
 * healthy) verdict.
 */
export function overviewModel(reads: OverviewReads, config: StagingConfig, now: number) {
  const { interval } = reads;
  const clock: FigureClock = { now, interval };
  const deployed = config.services.filter((s) => s.deployed).map((s) => s.name);
  const overall = overallRateSeries(rateSeriesByService(reads.probes.value, deployed));
  const windowMs = Math.min(VERDICT_WINDOW_MS, interval.endMs - interval.startMs);
  const windowStart = interval.endMs - windowMs;
  const counts = countsInWindow(overall, windowStart, interval.endMs);
  const startupNow = windowFigure(clock, reads.probes, successRate(counts));
  const failures = reads.failures.value;
  const socketTimeouts = failures.truncated
    ? null
    : failures.events.filter(
        (e) =>
          e.cause === "db-socket-timeout" && Date.parse(e.time) >= windowStart && Date.parse(e.time) < interval.endMs,
      ).length;

  const connector = connectorNow(reads, config, clock);
  const up = pointFigure(clock, reads.up, latestPoint(oneLine(reads.up.value, minOf)), (v) => v >= 1);
  const backends = pointFigure(clock, reads.backends, latestPoint(oneLine(reads.backends.value, sumOf)), (v) =>
    backendUsage(v, config.database.maxConnections),
  );
  const { goldenPath, probes, sent, received, instances } = reads;

  return {
    ...freshnessOf(
      [probes, sent, received, instances, reads.up, reads.backends, reads.failures, reads.failureCounts],
      reads.source,
      now,
    ),
    range: rangeInfoOf(reads),
    verdict: overviewVerdict({
      startupSuccess: startupNow,
      startupCounts: counts,
      databaseUp: up,
      databaseName: config.database.instanceId,
      windowLabel: windowLabel(reads.live, windowMs),
      probes: goldenPath,
      connector: {
        name: config.connector.name,
        maxInstances: config.connector.maxInstances,
        load: connector.headroom,
      },
      socketTimeouts,
      ...(reads.maintenance ? { maintenance: reads.maintenance } : {}),
      ...(reads.changes
        ? {
            changes: {
              evidence: reads.changes,
              path: { services: deployed, connector: config.connector.name, database: config.database.instanceId },
              startupFailingSince: failingSince(overall, interval.periodSeconds * 1000),
              rangeStartMs: interval.startMs,
              periodMs: interval.periodSeconds * 1000,
            },
          }
        : {}),
      now,
    }),
    startups: { target: STARTUP_TARGET, windowSeconds: windowMs / 1000, now: startupNow, counts, series: overall },
    failures: {
      ...withoutWindows(
        chooseFailureCounts(
          reads.failureCounts.value,
          { ...countByWindow(failures.events, interval), truncated: failures.truncated },
          interval,
        ),
      ),
      explorerUrl: failures.explorerUrl,
    },
    connector: {
      // In force at the end of the range (a recorded resize moves it from the configured one).
      machineType: basisAt(config.connector, reads.changes)(interval.endMs).machineType,
      ceilingSource: basisAt(config.connector, reads.changes)(interval.endMs).source,
      ...connector,
    },
    database: { up, backends },
  };
}

export type Overview = ReturnType<typeof overviewModel>;

/** Headroom at the newest throughput point, against the instance count in force then. */
function connectorNow(reads: OverviewReads, config: StagingConfig, clock: FigureClock) {
  const { sent, received, instances } = reads;
  const throughput = throughputBits(sent.value, received.value).filter((p) => p.total !== null);
  const instancePoints = oneLine(instances.value, sumOf);
  const latestThroughput = throughput[throughput.length - 1] ?? null;
  const latestInstances = latestPoint(instancePoints);
  const totalNow = latestThroughput?.total ?? null;
  const instancesThen = latestThroughput
    ? (instancesAt(instancePoints, latestThroughput.t) ?? latestInstances?.v ?? null)
    : null;
  const c = config.connector;
  // The ceiling in force at that point: a resize the audit log recorded moves it.
  const basis = basisAt(c, reads.changes)(latestThroughput?.t ?? clock.interval.endMs);
  return {
    headroom: figureAt(
      clock,
      { stale: sent.stale || received.stale || instances.stale },
      latestThroughput?.t ?? null,
      totalNow !== null && instancesThen !== null ? headroom(totalNow, instancesThen, basis) : null,
    ),
    instances: pointFigure(clock, instances, latestInstances, (v) => v),
    limits: instanceLimits(latestInstances?.v ?? null, c.minInstances, c.maxInstances),
  };
}
