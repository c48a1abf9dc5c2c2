import "server-only";
import type { StagingConfig } from "@/lib/config/core/staging-schema";
import { dataEnd } from "@/lib/gcp/alignment";
import type { CacheResult } from "@/lib/gcp/cache";
import { startupProbes } from "@/lib/gcp/catalogue";
import type { Series } from "@/lib/core/series";
import { rateSeriesByService } from "@/lib/metrics/core/startups";
import type { Reader } from "@/lib/gcp/reader";
import type { CountPoint } from "@/lib/slo/core/budget";
import { sloDefinitions, type SloDefinition } from "@/lib/config/core/slo/config";
import type { CountRead } from "./evaluate";
import { sloIntervals } from "./intervals";

/**
 * The SLO's two upstream reads, through the shared cache (the same `completed_probe_count`
 * query every view uses, at the SLO's own alignment): one call per read per minute (hour)
 * however many SLOs and viewers there are. A failed read with no stale copy throws.
 */

export type SloReads = {
  definitions: SloDefinition[];
  fine: CountRead;
  coarse: CountRead;
  raw: { fine: CacheResult<Series[]>; coarse: CacheResult<Series[]> };
};

export const deployedServices = (config: StagingConfig) => config.services.filter((s) => s.deployed).map((s) => s.name);

function counts(series: Series[], services: readonly string[]): Map<string, CountPoint[]> {
  const byService = rateSeriesByService(series, services);
  // Only deployed services count: a stray series must not move "all".
  return new Map(
    services.map((s) => [s, (byService.get(s) ?? []).map((p) => ({ t: p.t, good: p.healthy, bad: p.unhealthy }))]),
  );
}

/** `atLeastDays`: a criterion may ask for a longer window than any configured SLO. */
export async function readSlos(reader: Reader, config: StagingConfig, now: number, atLeastDays = 0): Promise<SloReads> {
  const services = deployedServices(config);
  const definitions = sloDefinitions(config.slo, services);
  const longest = Math.max(atLeastDays, ...definitions.map((d) => d.windowDays));
  const { fine, coarse } = sloIntervals(now, longest);
  const scope = (interval: typeof fine) => ({
    projectId: reader.projectId,
    connector: config.connector,
    database: config.database,
    interval,
  });
  const [f, c] = await Promise.all([
    reader.series(startupProbes(scope(fine)), true),
    reader.series(startupProbes(scope(coarse)), true),
  ]);
  return {
    definitions,
    fine: { byService: counts(f.value, services), endMs: dataEnd(f, fine), stale: f.stale },
    coarse: { byService: counts(c.value, services), endMs: dataEnd(c, coarse), stale: c.stale },
    raw: { fine: f, coarse: c },
  };
}
