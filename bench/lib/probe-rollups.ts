import type SQLite from "better-sqlite3";
import { encodeHistogram } from "@/lib/probes/histogram";
import { bucketOf, GRAINS, type Grain } from "@/lib/probes/rollup";

/**
 * Writes the `total` roll-ups that `days` of probing `targets` every 30 s leaves behind (one
 * failed check in every 17th minute): a row per UTC day and per hour, and minute rows — with
 * their running totals — for the last 26 hours and the hour where a 30-day window starts.
 * Minute rows for all 30 days would be 86 million rows; the uptime query reads only the first
 * and last minute of each probe's window, so the ones in between do not change what it touches.
 */
export function seedRollups(db: SQLite.Database, targets: number, now: number, days: number): string {
  const insert = db.prepare(
    `insert into probe_rollup (probe, phase, grain, bucket, checks, up, degraded, down, missing, n, sum_ms, max_ms, hist,
       cum_checks, cum_up, cum_degraded, cum_down, cum_missing, cum_hist)
     values (?, 'total', ?, ?, ?, ?, 0, ?, 0, ?, ?, ?, ?, ?, ?, 0, ?, 0, ?)`,
  );
  const state = db.prepare(
    `insert into probe_state (probe, status, flapping, since, recent, last_checked_at, last_status, last_duration_ms, last_error,
       cum_checks, cum_up, cum_degraded, cum_down, cum_missing, cum_hist, updated_at)
     values (?, 'up', 0, ?, '["up"]', ?, 'up', 12, null, ?, ?, 0, ?, 0, ?, ?)`,
  );
  const start = bucketOf(now - days * 86_400_000 - 86_400_000, "d");
  const minuteNo = (t: number) => Math.floor((t - start) / GRAINS.m);
  // Minutes in [start, t] whose index is a multiple of 17 hold one failed check.
  const downThrough = (t: number) => Math.floor(minuteNo(t) / 17) + 1;
  let rows = 0;
  const put = (probe: string, grain: Grain, bucket: number) => {
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
    const hist = encodeHistogram(new Map([[50, checks - down]]));
    const cumHist = grain === "m" ? encodeHistogram(new Map([[50, cumChecks - cumDown]])) : "{}";
    insert.run(
      probe,
      grain,
      bucket,
      checks,
      checks - down,
      down,
      checks - down,
      (checks - down) * 15,
      20,
      hist,
      cumChecks,
      cumChecks - cumDown,
      cumDown,
      cumHist,
    );
    rows++;
  };
  const edge = bucketOf(now - days * 86_400_000, "h");
  db.transaction(() => {
    for (let i = 0; i < targets; i++) {
      const probe = `t-${i}`;
      const last = bucketOf(now, "m");
      const cumChecks = 2 * (minuteNo(last) + 1);
      const cumDown = downThrough(last);
      state.run(
        probe,
        start,
        now,
        cumChecks,
        cumChecks - cumDown,
        cumDown,
        encodeHistogram(new Map([[50, cumChecks - cumDown]])),
        now,
      );
      for (let t = start; t <= now; t += GRAINS.d) put(probe, "d", t);
      for (let t = start; t <= now; t += GRAINS.h) put(probe, "h", t);
      for (let t = edge; t < edge + GRAINS.h; t += GRAINS.m) put(probe, "m", t);
      for (let t = bucketOf(now - 26 * GRAINS.h, "m"); t <= now; t += GRAINS.m) put(probe, "m", t);
    }
  })();
  return `${(rows / 1e6).toFixed(2)} M roll-up rows`;
}
