import type { ProbeConfig } from "@/lib/config/core/staging-schema";
import type { CountPoint } from "@/lib/slo/core/budget";
import type { SloDefinition } from "@/lib/config/core/slo/config";
import { bucketOf, GRAINS, type Grain } from "@/lib/probes/core/rollup";
import { resultAge } from "@/lib/probes/core/freshness";
import { stateRows } from "@/lib/probes/store/queries";
import type { StoreDb } from "@/lib/store/db";
import type { CountRead } from "./evaluate";
import { FINE_SPAN_MS } from "./intervals";

/**
 * A probe SLO's two reads from Stagewatch's own roll-ups, shaped like the start-up reads so the
 * same pure evaluation applies: good = attempts that were up, bad = every other attempt
 * (degraded, down, missing). Per-minute rows over the last 6 h; hourly rows over the window.
 * A point is dated at the end of its bucket, as Monitoring dates an aligned period. The reads
 * are stale when any of the SLO's probes has no fresh attempt (three intervals, as the probes
 * view decides) — a silent probe is unknown, never a full budget.
 */

export type ProbeReads = { fine: CountRead; coarse: CountRead };

async function points(
  db: StoreDb,
  probes: readonly string[],
  grain: Grain,
  from: number,
  to: number,
): Promise<CountPoint[]> {
  const rows = await db
    .selectFrom("probe_rollup")
    .where("phase", "=", "total")
    .where("grain", "=", grain)
    .where("probe", "in", [...probes])
    .where("bucket", ">=", from)
    .where("bucket", "<", to)
    .select((eb) => ["bucket", eb.fn.sum<number>("checks").as("checks"), eb.fn.sum<number>("up").as("up")])
    .groupBy("bucket")
    .orderBy("bucket")
    .execute();
  return rows.map((r) => ({
    t: Number(r.bucket) + GRAINS[grain],
    good: Number(r.up),
    bad: Number(r.checks) - Number(r.up),
  }));
}

export async function readProbeSlo(
  db: StoreDb,
  def: SloDefinition,
  configs: readonly ProbeConfig[],
  now: number,
): Promise<ProbeReads> {
  const probes = def.probes ?? [];
  const states = await stateRows(db, probes);
  // Any probe without a fresh result makes the read stale; one the config lacks (refused at
  // load) has no interval to be fresh within.
  const stale = probes.some((name) => {
    const p = configs.find((c) => c.name === name);
    return p === undefined || resultAge(p, states.get(name)?.lastCheckedAt ?? null, now).kind !== "fresh";
  });
  // Whole buckets only: the current minute (hour) is still filling.
  const fineEnd = bucketOf(now, "m");
  const coarseEnd = bucketOf(now, "h");
  const [fine, coarse] = await Promise.all([
    points(db, probes, "m", fineEnd - FINE_SPAN_MS, fineEnd),
    points(db, probes, "h", coarseEnd - def.windowDays * GRAINS.d, coarseEnd),
  ]);
  const read = (pts: CountPoint[], endMs: number): CountRead => ({
    byService: new Map([[def.service, pts]]),
    endMs,
    stale,
  });
  return { fine: read(fine, fineEnd), coarse: read(coarse, coarseEnd) };
}
