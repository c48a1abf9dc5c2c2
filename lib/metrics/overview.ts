import "server-only";
import { connectorBytes, connectorInstances, databaseBackends, databaseUp, startupProbes } from "@/lib/gcp/catalogue";
import { countByWindow } from "@/lib/health/failure-causes";
import { logsExplorerUrl } from "@/lib/gcp/failures";
import { headroom, instanceLimits, instancesAt, throughputBits } from "@/lib/health/connector";
import { backendUsage, latestPoint } from "@/lib/health/database";
import { overviewVerdict } from "@/lib/health/overview-verdict";
import {
  countsInWindow,
  overallRateSeries,
  rateSeriesByService,
  STARTUP_TARGET,
  successRate,
} from "@/lib/health/startups";
import type { ProbeEvidence } from "@/lib/health/overview-verdict";
import { verdictProbeEvidence } from "@/lib/probes/view/golden-path";
import { chooseFailureCounts } from "./failure-source";
import { freshness, rangeInfo, readAll, type MetricsContext } from "./context";
import { figureAt, mapFigure, minOf, oneLine, pointFigure, sumOf, windowFigure } from "./figures";
import { readInputs, SecondMemo } from "./memo";
import type { OverviewResponse } from "./schemas";

/** The verdict window: the phase-1 criterion's hour, or the whole range if shorter. */
export const VERDICT_WINDOW_MS = 3_600_000;

export function windowLabel(ctx: MetricsContext, windowMs: number): string {
  const span = windowMs === VERDICT_WINDOW_MS ? "hour" : `${Math.round(windowMs / 60_000)} minutes`;
  return ctx.live ? `the last ${span}` : `the last ${span} of the range`;
}

const memo = new SecondMemo();

/** The Overview shows totals only. */
function withoutWindows<T extends { windows: unknown }>(counts: T): Omit<T, "windows"> {
  const rest: Partial<T> = { ...counts };
  delete rest.windows;
  return rest as Omit<T, "windows">;
}

function readOverview(ctx: MetricsContext) {
  const { reader, scope, live, interval } = ctx;
  return readAll(ctx, {
    probes: reader.series(startupProbes(scope), live),
    sent: reader.series(connectorBytes(scope, "sent"), live),
    received: reader.series(connectorBytes(scope, "received"), live),
    instances: reader.series(connectorInstances(scope), live),
    up: reader.series(databaseUp(scope), live),
    backends: reader.series(databaseBackends(scope), live),
    failures: reader.failures(interval, live),
    failureCounts: reader.failureCounts(interval, live),
  });
}

/** `readProbes` is where the golden-path states come from: the store, or a test's own. */
export async function overview(
  ctx: MetricsContext,
  readProbes: (now: number) => Promise<ProbeEvidence[]> = verdictProbeEvidence,
): Promise<OverviewResponse> {
  const [r, probes] = await Promise.all([readOverview(ctx), readProbes(ctx.now)]);
  const { interval } = ctx;
  const key = `${ctx.range.preset}|${interval.startMs}|${interval.endMs}|${ctx.live}|${ctx.reader.projectId}`;
  // Probe states are compared by value: a changed golden-path state misses the memo at once.
  return memo.get(key, [ctx.config, JSON.stringify(probes), ...readInputs(Object.values(r))], ctx.now, () =>
    computeOverview(ctx, r, probes),
  );
}

function computeOverview(
  ctx: MetricsContext,
  r: Awaited<ReturnType<typeof readOverview>>,
  probes: ProbeEvidence[],
): OverviewResponse {
  const { reader, config, interval } = ctx;
  const deployed = config.services.filter((s) => s.deployed).map((s) => s.name);
  const overall = overallRateSeries(rateSeriesByService(r.probes.value, deployed));
  const windowMs = Math.min(VERDICT_WINDOW_MS, interval.endMs - interval.startMs);
  const counts = countsInWindow(overall, interval.endMs - windowMs, interval.endMs);
  const startupNow = windowFigure(ctx, r.probes, successRate(counts));
  const windowStart = interval.endMs - windowMs;
  const socketTimeouts = r.failures.value.truncated
    ? null
    : r.failures.value.events.filter(
        (e) =>
          e.cause === "db-socket-timeout" && Date.parse(e.time) >= windowStart && Date.parse(e.time) < interval.endMs,
      ).length;

  const throughput = throughputBits(r.sent.value, r.received.value).filter((p) => p.total !== null);
  const instancePoints = oneLine(r.instances.value, sumOf);
  const latestThroughput = throughput[throughput.length - 1] ?? null;
  const latestInstances = latestPoint(instancePoints);
  const connectorRead = { ...r.sent, stale: r.sent.stale || r.received.stale || r.instances.stale };
  const totalNow = latestThroughput?.total ?? null;
  const instancesThen = latestThroughput
    ? (instancesAt(instancePoints, latestThroughput.t) ?? latestInstances?.v ?? null)
    : null;
  const headroomNow = figureAt(
    ctx,
    connectorRead,
    latestThroughput?.t ?? null,
    totalNow !== null && instancesThen !== null
      ? headroom(totalNow, instancesThen, config.connector.machineType)
      : null,
  );

  const up = pointFigure(ctx, r.up, latestPoint(oneLine(r.up.value, minOf)), (v) => v >= 1);
  const backends = pointFigure(ctx, r.backends, latestPoint(oneLine(r.backends.value, sumOf)), (v) =>
    backendUsage(v, config.database.maxConnections),
  );

  return {
    ...freshness(ctx, Object.values(r)),
    range: rangeInfo(ctx),
    verdict: overviewVerdict({
      startupSuccess: startupNow,
      startupCounts: counts,
      databaseUp: up,
      databaseName: config.database.instanceId,
      windowLabel: windowLabel(ctx, windowMs),
      probes,
      connector: {
        name: config.connector.name,
        maxInstances: config.connector.maxInstances,
        load: mapFigure(headroomNow, (h) => ({ instances: h.instances, utilization: h.utilization })),
      },
      socketTimeouts,
      now: ctx.now,
    }),
    startups: { target: STARTUP_TARGET, windowSeconds: windowMs / 1000, now: startupNow, counts, series: overall },
    failures: {
      ...withoutWindows(
        chooseFailureCounts(
          r.failureCounts.value,
          { ...countByWindow(r.failures.value.events, interval), truncated: r.failures.value.truncated },
          interval,
        ),
      ),
      explorerUrl: logsExplorerUrl(reader.projectId, r.failures.value.query),
    },
    connector: {
      machineType: config.connector.machineType,
      headroom: headroomNow,
      instances: pointFigure(ctx, r.instances, latestInstances, (v) => v),
      limits: instanceLimits(latestInstances?.v ?? null, config.connector.minInstances, config.connector.maxInstances),
    },
    database: { up, backends },
  };
}
