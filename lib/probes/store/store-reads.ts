import type { StoreDb } from "@/lib/store/db";
import { decodeHistogram, mergeInto, type Histogram } from "@/lib/probes/core/histogram";
import { bucketOf, GRAINS, windowRanges, type BucketRange, type Counts } from "@/lib/probes/core/rollup";
import { windowCounts, windowTotals } from "./store-cumulative";

export type { Counts };

/** Reads from the roll-ups: uptime and latency histograms over any window, for one probe or all. */

export interface Latency {
  hist: Histogram;
  n: number;
  maxMs: number;
}

export interface Window {
  from: number;
  to: number;
  /** The window ends now: the current hour and day buckets may be read whole. */
  openEnded: boolean;
}

export const lastWindow = (now: number, ms: number): Window => ({ from: now - ms, to: now, openEnded: true });

function rangeQuery(db: StoreDb, phase: string, r: BucketRange, probes: readonly string[] | null) {
  let q = db
    .selectFrom("probe_rollup")
    .where("phase", "=", phase)
    .where("grain", "=", r.grain)
    .where("bucket", ">=", r.from)
    .where("bucket", "<", r.to);
  if (probes) q = q.where("probe", "in", probes.length ? [...probes] : [""]);
  return q;
}

/**
 * Status counts per probe over the window (all probes when `probes` is null), from the running
 * totals of minute rows; from whole buckets when the window reaches past `minuteHorizon` (the
 * oldest minute retention still keeps).
 */
export async function countsByProbe(
  db: StoreDb,
  w: Window,
  probes: readonly string[] | null,
  minuteHorizon = -Infinity,
): Promise<Map<string, Counts>> {
  if (w.from >= minuteHorizon) {
    const toMinute = w.openEnded ? null : Math.ceil(w.to / GRAINS.m) * GRAINS.m;
    return windowCounts(db, probes, bucketOf(w.from, "m"), toMinute);
  }
  return countsFromBuckets(db, w, probes);
}

/** The same counts summed over whole minute, hour and day buckets. */
export async function countsFromBuckets(
  db: StoreDb,
  w: Window,
  probes: readonly string[] | null,
): Promise<Map<string, Counts>> {
  const out = new Map<string, Counts>();
  for (const r of windowRanges(w.from, w.to, w.openEnded)) {
    const rows = await rangeQuery(db, "total", r, probes)
      .select((eb) => [
        "probe",
        eb.fn.sum<number>("checks").as("checks"),
        eb.fn.sum<number>("up").as("up"),
        eb.fn.sum<number>("degraded").as("degraded"),
        eb.fn.sum<number>("down").as("down"),
        eb.fn.sum<number>("missing").as("missing"),
      ])
      .groupBy("probe")
      .execute();
    for (const row of rows) {
      const c = out.get(row.probe) ?? { checks: 0, up: 0, degraded: 0, down: 0, missing: 0 };
      c.checks += Number(row.checks);
      c.up += Number(row.up);
      c.degraded += Number(row.degraded);
      c.down += Number(row.down);
      c.missing += Number(row.missing);
      out.set(row.probe, c);
    }
  }
  return out;
}

/** Uptime = attempts that were fully up / all attempts; degraded (slow) does not count as up. */
export function uptimeOf(c: Counts | undefined): number | null {
  return c && c.checks > 0 ? c.up / c.checks : null;
}

/**
 * Latency histogram of one phase per probe over the window. Whole attempts (`total`) come from
 * running histograms (two rows per probe) while minute roll-ups reach back that far; other
 * phases, and longer windows, are merged from whole buckets.
 */
export async function latencyByProbe(
  db: StoreDb,
  phase: string,
  w: Window,
  probes: readonly string[] | null,
  minuteHorizon = -Infinity,
): Promise<Map<string, Latency>> {
  if (phase === "total" && w.from >= minuteHorizon) {
    const toMinute = w.openEnded ? null : Math.ceil(w.to / GRAINS.m) * GRAINS.m;
    const totals = await windowTotals(db, probes, bucketOf(w.from, "m"), toMinute);
    const out = new Map<string, Latency>();
    for (const [probe, t] of totals) {
      const n = [...t.hist.values()].reduce((a, b) => a + b, 0);
      // A difference of running maxima means nothing: the cap is left off (histogram error ±5%).
      if (n > 0) out.set(probe, { hist: t.hist, n, maxMs: Infinity });
    }
    return out;
  }
  return latencyFromBuckets(db, phase, w, probes);
}

export async function latencyFromBuckets(
  db: StoreDb,
  phase: string,
  w: Window,
  probes: readonly string[] | null,
): Promise<Map<string, Latency>> {
  const out = new Map<string, Latency>();
  for (const r of windowRanges(w.from, w.to, w.openEnded)) {
    const rows = await rangeQuery(db, phase, r, probes)
      .select(["probe", "hist", "n", "max_ms"])
      .where("n", ">", 0)
      .execute();
    for (const row of rows) {
      const l = out.get(row.probe) ?? { hist: new Map(), n: 0, maxMs: 0 };
      mergeInto(l.hist, decodeHistogram(row.hist));
      l.n += row.n;
      l.maxMs = Math.max(l.maxMs, row.max_ms);
      out.set(row.probe, l);
    }
  }
  return out;
}

/** Deletes what is past retention: raw results, then minute, hour and day roll-ups. */
export async function pruneProbeData(db: StoreDb, now: number, days: { raw: number; minute: number }): Promise<void> {
  const DAY = 86_400_000;
  await db
    .deleteFrom("probe_result")
    .where("checked_at", "<", now - days.raw * DAY)
    .execute();
  const hourDays = Math.max(days.minute, 400);
  const keep = { m: days.minute, h: hourDays, d: Math.max(days.minute, 5 * 366) };
  for (const [grain, d] of Object.entries(keep)) {
    await db
      .deleteFrom("probe_rollup")
      .where("grain", "=", grain)
      .where("bucket", "<", now - d * DAY)
      .execute();
  }
  await db
    .deleteFrom("probe_state_change")
    .where("at", "<", now - hourDays * DAY)
    .execute();
}
