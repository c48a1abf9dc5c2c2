import type { StagingConfig } from "@/lib/config/core/staging-schema";
import { backendUsage, latestPoint, upBand } from "@/lib/metrics/core/database";
import { pointFigure, type FigureClock } from "@/lib/core/figure";
import { maxOf, minOf, oneLine, sumOf, type Series } from "@/lib/core/series";
import { freshnessOf, rangeInfoOf, type Asked, type Read } from "./reads";

/** Everything the Database view reads; `databaseId` is the instance's id in Cloud Monitoring. */
export type DatabaseReads = Asked & {
  databaseId: string;
  up: Read<Series[]>;
  backends: Read<Series[]>;
  cpu: Read<Series[]>;
  memory: Read<Series[]>;
};

/** The up band, backends against max_connections, CPU and memory, each with its newest figure. */
export function databaseModel(reads: DatabaseReads, config: StagingConfig, now: number) {
  const clock: FigureClock = { now, interval: reads.interval };
  const up = oneLine(reads.up.value, minOf);
  const backends = oneLine(reads.backends.value, sumOf);
  const cpu = oneLine(reads.cpu.value, maxOf);
  const memory = oneLine(reads.memory.value, maxOf);
  const max = config.database.maxConnections;

  return {
    ...freshnessOf([reads.up, reads.backends, reads.cpu, reads.memory], reads.source, now),
    range: rangeInfoOf(reads),
    database: { instanceId: config.database.instanceId, databaseId: reads.databaseId, maxConnections: max },
    up: { band: upBand(up, reads.interval), current: pointFigure(clock, reads.up, latestPoint(up), (v) => v >= 1) },
    backends: {
      points: backends,
      max,
      current: pointFigure(clock, reads.backends, latestPoint(backends), (v) => backendUsage(v, max)),
    },
    cpu: { points: cpu, current: pointFigure(clock, reads.cpu, latestPoint(cpu), (v) => v) },
    memory: { points: memory, current: pointFigure(clock, reads.memory, latestPoint(memory), (v) => v) },
  };
}
