import "server-only";
import type { StoreDb } from "@/lib/store/db";
import { decodeHistogram, mergeInto, percentile, type Histogram } from "@/lib/probes/core/histogram";
import { bucketOf, type Grain } from "@/lib/probes/core/rollup";
import type { HistoryPoint, ProbeHistory } from "@/lib/probes/core/types";

const STEPS_S = [60, 300, 900, 3_600, 21_600, 86_400];
const MAX_POINTS = 300;

/** The coarsest step that still gives ≤ 300 points, and the roll-up grain that divides it. */
export function historyStep(spanMs: number): { stepMs: number; grain: Grain } {
  const stepS = STEPS_S.find((s) => spanMs / (s * 1000) <= MAX_POINTS) ?? 86_400;
  const grain: Grain = stepS < 3_600 ? "m" : stepS < 86_400 ? "h" : "d";
  return { stepMs: stepS * 1000, grain };
}

/**
 * Latency (p50, p95, max of completed attempts) and uptime per step over [from, to), from the
 * roll-ups. Steps without attempts are kept, with null values, so gaps show as gaps.
 */
export async function probeHistory(db: StoreDb, probe: string, from: number, to: number): Promise<ProbeHistory> {
  const { stepMs, grain } = historyStep(to - from);
  const start = Math.floor(from / stepMs) * stepMs;
  const rows = await db
    .selectFrom("probe_rollup")
    .select(["bucket", "checks", "up", "n", "max_ms", "hist"])
    .where("probe", "=", probe)
    .where("phase", "=", "total")
    .where("grain", "=", grain)
    .where("bucket", ">=", bucketOf(start, grain))
    .where("bucket", "<", to)
    .orderBy("bucket")
    .execute();
  const bins = new Map<number, { checks: number; up: number; n: number; max: number; hist: Histogram }>();
  for (const r of rows) {
    const key = Math.floor((Number(r.bucket) - start) / stepMs);
    const b = bins.get(key) ?? { checks: 0, up: 0, n: 0, max: 0, hist: new Map() };
    b.checks += r.checks;
    b.up += r.up;
    b.n += r.n;
    b.max = Math.max(b.max, r.max_ms);
    mergeInto(b.hist, decodeHistogram(r.hist));
    bins.set(key, b);
  }
  const points: HistoryPoint[] = [];
  for (let i = 0; start + i * stepMs < to; i++) {
    const b = bins.get(i);
    points.push({
      t: new Date(start + i * stepMs).toISOString(),
      checks: b?.checks ?? 0,
      up: b?.up ?? 0,
      uptime: b && b.checks > 0 ? b.up / b.checks : null,
      p50: b && b.n > 0 ? percentile(b.hist, 50, b.max) : null,
      p95: b && b.n > 0 ? percentile(b.hist, 95, b.max) : null,
      max: b && b.n > 0 ? b.max : null,
    });
  }
  return {
    probe,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    stepSeconds: stepMs / 1000,
    points,
  };
}
