import { sql } from "kysely";
import type { StoreDb } from "@/lib/store/db";
import { encodeHistogram } from "@/lib/probes/core/histogram";
import { bucketOf, GRAINS, type Grain } from "@/lib/probes/core/rollup";

/**
 * Writes the `total` roll-ups that `days` of probing `targets` every 30 s leaves behind (one
 * failed check in every 17th minute): a row per UTC day and per hour, and minute rows — with
 * their running totals — for the last 26 hours and the hour where a 30-day window starts.
 * Minute rows for all 30 days would be 86 million rows; the uptime query reads only the first
 * and last minute of each probe's window, so the ones in between do not change what it touches.
 *
 * Every target has the same history, so each bucket's row is computed once here and the store
 * writes it for every target name itself (`insert … select`): the same rows on SQLite and on
 * PostgreSQL, tens of millions of them in minutes instead of row by row, in time order.
 */

type SeedRow = {
  grain: Grain;
  bucket: number;
  checks: number;
  down: number;
  cumChecks: number;
  cumDown: number;
  hist: string;
  cumHist: string;
};

function seedBuckets(
  now: number,
  days: number,
): { rows: SeedRow[]; cumChecks: number; cumDown: number; since: number } {
  const start = bucketOf(now - days * 86_400_000 - 86_400_000, "d");
  const minuteNo = (t: number) => Math.floor((t - start) / GRAINS.m);
  // Minutes in [start, t] whose index is a multiple of 17 hold one failed check.
  const downThrough = (t: number) => Math.floor(minuteNo(t) / 17) + 1;
  const rows: SeedRow[] = [];
  const put = (grain: Grain, bucket: number) => {
    // The current day and hour hold only the minutes up to now.
    const minutes = Math.min(GRAINS[grain], bucketOf(now, "m") + GRAINS.m - bucket) / GRAINS.m;
    const checks = 2 * minutes;
    const down =
      grain === "m"
        ? minuteNo(bucket) % 17 === 0
          ? 1
          : 0
        : downThrough(bucket + minutes * GRAINS.m - 1) - downThrough(bucket - 1);
    const cumChecks = grain === "m" ? 2 * (minuteNo(bucket) + 1) : 0;
    const cumDown = grain === "m" ? downThrough(bucket) : 0;
    rows.push({
      grain,
      bucket,
      checks,
      down,
      cumChecks,
      cumDown,
      hist: encodeHistogram(new Map([[50, checks - down]])),
      cumHist: grain === "m" ? encodeHistogram(new Map([[50, cumChecks - cumDown]])) : "{}",
    });
  };
  const edge = bucketOf(now - days * 86_400_000, "h");
  for (let t = start; t <= now; t += GRAINS.d) put("d", t);
  for (let t = start; t <= now; t += GRAINS.h) put("h", t);
  for (let t = edge; t < edge + GRAINS.h; t += GRAINS.m) put("m", t);
  for (let t = bucketOf(now - 26 * GRAINS.h, "m"); t <= now; t += GRAINS.m) put("m", t);
  const last = bucketOf(now, "m");
  return { rows, cumChecks: 2 * (minuteNo(last) + 1), cumDown: downThrough(last), since: start };
}

/** Target names t-0 … t-(n-1) as a row source, in the store's own SQL. */
function targetNames(db: StoreDb, dialect: "sqlite" | "postgres", targets: number) {
  return dialect === "postgres"
    ? sql`select 't-' || i as probe from generate_series(0, ${targets - 1}::int) as i`
    : sql`select 't-' || i as probe from (with recursive s(i) as (select 0 union all select i + 1 from s where i < ${targets - 1}) select i from s)`;
}

export async function seedRollups(
  db: StoreDb,
  dialect: "sqlite" | "postgres",
  targets: number,
  now: number,
  days: number,
): Promise<string> {
  const { rows, cumChecks, cumDown, since } = seedBuckets(now, days);
  const names = targetNames(db, dialect, targets);
  await db.transaction().execute(async (tx) => {
    // Bucket by bucket, in time order, all targets at once: rows lie where a live store puts them
    // (each flush writes the minute's rows of every target together), not probe by probe.
    rows.sort((a, b) => a.bucket - b.bucket);
    for (const r of rows) {
      await sql`insert into probe_rollup (probe, phase, grain, bucket, checks, up, degraded, down, missing, n, sum_ms,
          max_ms, hist, cum_checks, cum_up, cum_degraded, cum_down, cum_missing, cum_hist)
        select t.probe, 'total', ${r.grain}, ${r.bucket}, ${r.checks}, ${r.checks - r.down}, 0, ${r.down}, 0,
          ${r.checks - r.down}, ${(r.checks - r.down) * 15}, 20, ${r.hist}, ${r.cumChecks}, ${r.cumChecks - r.cumDown}, 0,
          ${r.cumDown}, 0, ${r.cumHist}
        from (${names}) as t`.execute(tx);
    }
    const cumHist = encodeHistogram(new Map([[50, cumChecks - cumDown]]));
    await sql`insert into probe_state (probe, status, flapping, since, recent, last_checked_at, last_status, last_duration_ms,
        last_error, cum_checks, cum_up, cum_degraded, cum_down, cum_missing, cum_hist, updated_at)
      select t.probe, 'up', 0, ${since}, '["up"]', ${now}, 'up', 12, null, ${cumChecks}, ${cumChecks - cumDown}, 0,
        ${cumDown}, 0, ${cumHist}, ${now}
      from (${names}) as t`.execute(tx);
  });
  // On a live store autovacuum would have vacuumed and analysed a table this size long before
  // (and set its rows' hint bits); just after a 24-million-row insert it is still at work, and the
  // first reads would measure that instead of the query. SQLite is left as the app leaves it.
  if (dialect === "postgres") await sql`vacuum analyze`.execute(db);
  return `${((rows.length * targets) / 1e6).toFixed(2)} M roll-up rows`;
}
