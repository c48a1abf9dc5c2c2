import type { StagingConfig } from "@/lib/config/core/staging-schema";
import { headroomSeries, instanceLimits, scaleOuts, throughputBits } from "@/lib/metrics/core/connector";
import { ceilingBitsPerSecond, documentedPerInstanceMbps } from "@/lib/core/connector-capacity";
import { latestPoint } from "@/lib/metrics/core/database";
import { figureAt, pointFigure, type FigureClock } from "@/lib/core/figure";
import { maxOf, oneLine, sumOf, type Series } from "@/lib/core/series";
import { freshnessOf, rangeInfoOf, type Asked, type Read } from "./reads";
import { basisAt } from "@/lib/changes/core/connector-size";
import type { ChangeEvidence } from "@/lib/changes/core/correlate";

/** Everything the Connector view reads, in the order its freshness names the first upstream error. */
export type ConnectorReads = Asked & {
  sent: Read<Series[]>;
  received: Read<Series[]>;
  instances: Read<Series[]>;
  cpu: Read<Series[]>;
  /** Changes from the audit log: a resize moves the ceiling in force (absent or unknown: the configured one). */
  changes?: ChangeEvidence;
};

/** Throughput against the ceiling, headroom over the range and now, instances and their scale-outs. */
export function connectorModel(reads: ConnectorReads, config: StagingConfig, now: number) {
  const { sent, received, instances, cpu } = reads;
  const clock: FigureClock = { now, interval: reads.interval };
  const c = config.connector;
  const throughput = throughputBits(sent.value, received.value);
  const instancePoints = oneLine(instances.value, sumOf);
  const basisOf = basisAt(c, reads.changes);
  // What the card names: the machine type in force at the end of the range.
  const basis = basisOf(reads.interval.endMs);
  const headrooms = headroomSeries(throughput, instancePoints, basisOf);
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
    saturated: latest.saturated,
  };

  return {
    ...freshnessOf([sent, received, instances, cpu], reads.source, now),
    range: rangeInfoOf(reads),
    connector: {
      name: c.name,
      region: c.region,
      machineType: basis.machineType,
      minInstances: c.minInstances,
      maxInstances: c.maxInstances,
      ceilingBpsPerInstance: basis.perInstanceMbps * 1e6,
      /** "configured": the team's measured figure from the config, not Google's documented one. */
      ceilingSource: basis.source,
      documentedBpsPerInstance: documentedPerInstanceMbps(basis.machineType) * 1e6,
    },
    throughput,
    ceiling: instancePoints.flatMap((p) =>
      p.v === null ? [] : [{ t: p.t, bps: ceilingBitsPerSecond(basisOf(p.t), p.v) }],
    ),
    instances: {
      points: instancePoints,
      current: pointFigure(clock, instances, currentInstances, (v) => v),
      limits: instanceLimits(currentInstances?.v ?? null, c.minInstances, c.maxInstances),
    },
    cpuP99: oneLine(cpu.value, maxOf),
    headroom: {
      now: figureAt(clock, { stale: sent.stale || received.stale || instances.stale }, latest?.t ?? null, latestValue),
      min: tightest,
      series: headrooms.map((h) => ({ t: h.t, headroomPercent: h.headroomPercent, saturated: h.saturated })),
    },
    scaleOuts: scaleOuts(instancePoints),
  };
}
