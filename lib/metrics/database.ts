import "server-only";
import { databaseBackends, databaseId, databaseUp, databaseUtilization } from "@/lib/gcp/catalogue";
import { backendUsage, latestPoint, upBand } from "@/lib/health/database";
import { freshness, rangeInfo, readAll, type MetricsContext } from "./context";
import { maxOf, minOf, oneLine, pointFigure, sumOf } from "./figures";
import type { DatabaseResponse } from "./schemas";

export async function database(ctx: MetricsContext): Promise<DatabaseResponse> {
  const { reader, scope, live, config, interval } = ctx;
  const r = await readAll(ctx, {
    up: reader.series(databaseUp(scope), live),
    backends: reader.series(databaseBackends(scope), live),
    cpu: reader.series(databaseUtilization(scope, "cpu"), live),
    memory: reader.series(databaseUtilization(scope, "memory"), live),
  });
  const up = oneLine(r.up.value, minOf);
  const backends = oneLine(r.backends.value, sumOf);
  const cpu = oneLine(r.cpu.value, maxOf);
  const memory = oneLine(r.memory.value, maxOf);
  const max = config.database.maxConnections;

  return {
    ...freshness(ctx, Object.values(r)),
    range: rangeInfo(ctx),
    database: { instanceId: config.database.instanceId, databaseId: databaseId(scope), maxConnections: max },
    up: { band: upBand(up, interval), current: pointFigure(ctx, r.up, latestPoint(up), (v) => v >= 1) },
    backends: {
      points: backends,
      max,
      current: pointFigure(ctx, r.backends, latestPoint(backends), (v) => backendUsage(v, max)),
    },
    cpu: { points: cpu, current: pointFigure(ctx, r.cpu, latestPoint(cpu), (v) => v) },
    memory: { points: memory, current: pointFigure(ctx, r.memory, latestPoint(memory), (v) => v) },
  };
}
