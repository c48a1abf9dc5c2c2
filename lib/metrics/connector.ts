import "server-only";
import { connectorBytes, connectorCpu, connectorInstances } from "@/lib/gcp/catalogue";
import {
  ceilingBitsPerSecond,
  CEILING_MBPS_PER_INSTANCE,
  headroomSeries,
  instanceLimits,
  scaleOuts,
  throughputBits,
} from "@/lib/health/connector";
import { latestPoint } from "@/lib/health/database";
import { freshness, rangeInfo, readAll, type MetricsContext } from "./context";
import { figureAt, maxOf, oneLine, pointFigure, sumOf } from "./figures";
import type { ConnectorResponse } from "./schemas";

export async function connector(ctx: MetricsContext): Promise<ConnectorResponse> {
  const { reader, scope, live, config } = ctx;
  const c = config.connector;
  const r = await readAll(ctx, {
    sent: reader.series(connectorBytes(scope, "sent"), live),
    received: reader.series(connectorBytes(scope, "received"), live),
    instances: reader.series(connectorInstances(scope), live),
    cpu: reader.series(connectorCpu(scope), live),
  });

  const throughput = throughputBits(r.sent.value, r.received.value);
  const instancePoints = oneLine(r.instances.value, sumOf);
  const headrooms = headroomSeries(throughput, instancePoints, c.machineType);
  const latest = headrooms[headrooms.length - 1] ?? null;
  const tightest = headrooms.reduce<(typeof headrooms)[number] | null>(
    (min, h) => (!min || h.headroomPercent < min.headroomPercent ? h : min),
    null,
  );
  const currentInstances = latestPoint(instancePoints);
  const latestValue = latest && {
    throughputBps: latest.throughputBps,
    ceilingBps: latest.ceilingBps,
    instances: latest.instances,
    utilization: latest.utilization,
    headroomPercent: latest.headroomPercent,
  };
  const throughputRead = { ...r.sent, stale: r.sent.stale || r.received.stale || r.instances.stale };

  return {
    ...freshness(ctx, Object.values(r)),
    range: rangeInfo(ctx),
    connector: { ...c, ceilingBpsPerInstance: CEILING_MBPS_PER_INSTANCE[c.machineType] * 1e6 },
    throughput,
    ceiling: instancePoints.flatMap((p) =>
      p.v === null ? [] : [{ t: p.t, bps: ceilingBitsPerSecond(c.machineType, p.v) }],
    ),
    instances: {
      points: instancePoints,
      current: pointFigure(ctx, r.instances, currentInstances, (v) => v),
      limits: instanceLimits(currentInstances?.v ?? null, c.minInstances, c.maxInstances),
    },
    cpuP99: oneLine(r.cpu.value, maxOf),
    headroom: {
      now: figureAt(ctx, throughputRead, latest?.t ?? null, latestValue),
      min: tightest,
      series: headrooms.map((h) => ({ t: h.t, headroomPercent: h.headroomPercent })),
    },
    scaleOuts: scaleOuts(instancePoints),
  };
}
