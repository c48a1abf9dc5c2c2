import type { StoreDb } from "@/lib/store/db";
import { decodeHistogram, type Histogram } from "@/lib/health/probes/histogram";
import { GRAINS, type Counts } from "@/lib/health/probes/rollup";

/**
 * Reads from running totals: counts (and the latency histogram of whole attempts) over
 * [from, to) are the totals through the probe's last minute before `to`, minus the totals
 * before its first minute at or after `from`. A window that ends now takes its end from
 * probe_state; each other edge is one statement whose MIN/MAX index seek per probe feeds a
 * row-value IN (SQLite and PostgreSQL alike) — after a range read of the edge minute, which
 * already holds the edge row of every probe checked at least once a minute.
 */

type Edge = "last-before" | "first-from";

/** Running totals as stored on a minute row or on probe_state. */
type Totals = {
  cum_checks: number;
  cum_up: number;
  cum_degraded: number;
  cum_down: number;
  cum_missing: number;
  cum_hist?: string;
};
/** A minute row at a window's edge; latency columns only when asked for. */
export type EdgeRow = Totals & {
  probe: string;
  bucket: number;
  checks: number;
  up: number;
  degraded: number;
  down: number;
  missing: number;
  n?: number;
  sum_ms?: number;
  max_ms?: number;
  hist?: string;
};

const COLUMNS = [
  "r.probe",
  "r.bucket",
  "r.checks",
  "r.up",
  "r.degraded",
  "r.down",
  "r.missing",
  "r.cum_checks",
  "r.cum_up",
  "r.cum_degraded",
  "r.cum_down",
  "r.cum_missing",
] as const;

/** The edge row per probe found by seeking each probe's MIN/MAX minute (any window, any interval). */
async function seekedEdgeRows(
  db: StoreDb,
  probes: readonly string[] | null,
  t: number,
  edge: Edge,
  withHist: boolean,
): Promise<Map<string, EdgeRow>> {
  const rows: EdgeRow[] = await db
    .selectFrom("probe_rollup as r")
    .select(withHist ? [...COLUMNS, "r.n", "r.sum_ms", "r.max_ms", "r.hist", "r.cum_hist"] : [...COLUMNS])
    .where("r.phase", "=", "total")
    .where("r.grain", "=", "m")
    .where((eb) =>
      eb(
        eb.refTuple("r.probe", "r.bucket"),
        "in",
        eb
          .selectFrom("probe_state as p")
          .select((e) => {
            const sub = e
              .selectFrom("probe_rollup as x")
              .whereRef("x.probe", "=", "p.probe")
              .where("x.phase", "=", "total")
              .where("x.grain", "=", "m");
            const b =
              edge === "last-before"
                ? sub.where("x.bucket", "<", t).select((s) => s.fn.max("x.bucket").as("b"))
                : sub.where("x.bucket", ">=", t).select((s) => s.fn.min("x.bucket").as("b"));
            return ["p.probe", b.as("b")];
          })
          .$if(probes !== null, (q) => q.where("p.probe", "in", probes?.length ? [...probes] : [""]))
          .$narrowType<{ b: number }>()
          .$asTuple("probe", "b"),
      ),
    )
    .execute();
  // Rows are used as they come: copying 2,000 of them costs more than the query.
  const out = new Map<string, EdgeRow>();
  for (const r of rows) out.set(r.probe, r);
  return out;
}

const IN_LIST = 500;

const stateNames = async (db: StoreDb) =>
  (await db.selectFrom("probe_state").select("probe").execute()).map((r) => r.probe);

/**
 * The edge row per probe. A probe checked at least once a minute has a row in the edge minute
 * itself, and all those rows sit side by side in probe_rollup_range (phase, grain, bucket, probe):
 * one range read finds them. Only the probes without one (longer intervals, added or paused
 * since) take the seek per probe, so 30 days for 10,000 probes reads ~20,000 rows, not 10,000
 * correlated sub-queries.
 */
async function edgeRows(
  db: StoreDb,
  probes: readonly string[] | null,
  t: number,
  edge: Edge,
  withHist: boolean,
  /** The probes an edge is looked for (all in probe_state when `probes` is null), when the caller has them. */
  known?: readonly string[],
): Promise<Map<string, EdgeRow>> {
  const minute = edge === "first-from" ? t : t - GRAINS.m;
  if (!Number.isSafeInteger(t) || t % GRAINS.m !== 0 || t >= Number.MAX_SAFE_INTEGER)
    return seekedEdgeRows(db, probes, t, edge, withHist);
  if (probes?.length === 0) return new Map();
  let q = db
    .selectFrom("probe_rollup as r")
    .select(withHist ? [...COLUMNS, "r.n", "r.sum_ms", "r.max_ms", "r.hist", "r.cum_hist"] : [...COLUMNS])
    .where("r.phase", "=", "total")
    .where("r.grain", "=", "m")
    .where("r.bucket", "=", minute);
  if (probes) q = q.where("r.probe", "in", [...probes]);
  const rows: EdgeRow[] = await q.execute();
  const out = new Map<string, EdgeRow>();
  for (const r of rows) out.set(r.probe, r);
  const names = known ?? probes ?? (await stateNames(db));
  const rest = names.filter((p) => !out.has(p));
  for (let i = 0; i < rest.length; i += IN_LIST)
    for (const [probe, r] of await seekedEdgeRows(db, rest.slice(i, i + IN_LIST), t, edge, withHist)) out.set(probe, r);
  return out;
}

/** Running totals through each probe's last result (the end of a window that ends now). */
async function currentTotals(
  db: StoreDb,
  probes: readonly string[] | null,
  withHist: boolean,
): Promise<Map<string, Totals & { probe: string }>> {
  let q = db
    .selectFrom("probe_state")
    .select([
      "probe",
      "cum_checks",
      "cum_up",
      "cum_degraded",
      "cum_down",
      "cum_missing",
      ...(withHist ? (["cum_hist"] as const) : []),
    ]);
  if (probes) q = q.where("probe", "in", probes.length ? [...probes] : [""]);
  const out = new Map<string, Totals & { probe: string }>();
  for (const r of await q.execute()) out.set(r.probe, r);
  return out;
}

/** Each probe's newest stored minute row of the `total` phase (to continue its running totals). */
export async function latestMinuteRows(db: StoreDb, probes: readonly string[]): Promise<EdgeRow[]> {
  if (probes.length === 0) return [];
  return [...(await seekedEdgeRows(db, probes, Number.MAX_SAFE_INTEGER, "last-before", true)).values()];
}

export interface WindowTotals {
  counts: Counts;
  /** Whole-attempt latency of the completed attempts in the window. */
  hist: Histogram;
}

const totalsOf = (r: Totals): Counts => ({
  checks: Number(r.cum_checks),
  up: Number(r.cum_up),
  degraded: Number(r.cum_degraded),
  down: Number(r.cum_down),
  missing: Number(r.cum_missing),
});
/** Totals before a row's own minute. */
const baseOf = (r: EdgeRow): Counts => ({
  checks: Number(r.cum_checks) - Number(r.checks),
  up: Number(r.cum_up) - Number(r.up),
  degraded: Number(r.cum_degraded) - Number(r.degraded),
  down: Number(r.cum_down) - Number(r.down),
  missing: Number(r.cum_missing) - Number(r.missing),
});

/** Totals per probe over minutes [fromMinute, toMinute) (toMinute null: up to now); probes without a minute in it are left out. */
export async function windowTotals(
  db: StoreDb,
  probes: readonly string[] | null,
  fromMinute: number,
  toMinute: number | null,
  withHist: boolean,
): Promise<Map<string, WindowTotals>> {
  let starts: Map<string, EdgeRow>;
  let ends: Map<string, Totals>;
  if (toMinute === null) {
    ends = await currentTotals(db, probes, withHist);
    starts = await edgeRows(db, probes, fromMinute, "first-from", withHist, [...ends.keys()]);
  } else {
    const known = probes ?? (await stateNames(db));
    starts = await edgeRows(db, probes, fromMinute, "first-from", withHist, known);
    ends = await edgeRows(db, probes, toMinute, "last-before", withHist, known);
  }
  const out = new Map<string, WindowTotals>();
  for (const [probe, e] of ends) {
    const s = starts.get(probe);
    // No minute of this probe inside the window: no measurement, not zero failures.
    if (!s || (toMinute !== null && Number(s.bucket) >= toMinute)) continue;
    const a = totalsOf(e);
    const b = baseOf(s);
    const counts = {
      checks: a.checks - b.checks,
      up: a.up - b.up,
      degraded: a.degraded - b.degraded,
      down: a.down - b.down,
      missing: a.missing - b.missing,
    };
    // Totals that do not add up (a row edited by hand, say) are no measurement either.
    if (counts.checks <= 0) continue;
    const hist: Histogram = new Map();
    if (withHist) {
      const before = decodeHistogram(s.cum_hist ?? "{}");
      for (const [i, c] of decodeHistogram(s.hist ?? "{}")) before.set(i, (before.get(i) ?? 0) - c);
      for (const [i, c] of decodeHistogram(e.cum_hist ?? "{}")) {
        const n = c - (before.get(i) ?? 0);
        if (n > 0) hist.set(i, n);
      }
    }
    out.set(probe, { counts, hist });
  }
  return out;
}
