import { sql } from "kysely";
import type { StoreDb } from "@/lib/store/db";
import { decodeHistogram, type Histogram } from "@/lib/probes/core/histogram";
import { GRAINS, type Counts } from "@/lib/probes/core/rollup";

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
/** A roll-up row's own counts; latency columns only when asked for. */
export type RollupCounts = {
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
/** A minute row at a window's edge. */
export type EdgeRow = Totals & RollupCounts & { probe: string; bucket: number };

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

/** A probe's counts over a window as the joined statement returns them. */
type JoinedRow = {
  probe: string;
  checks: number;
  up: number;
  degraded: number;
  down: number;
  missing: number;
  hist?: string;
  start_cum_hist?: string;
  end_cum_hist?: string;
};

const inList = (column: string, probes: readonly string[] | null) =>
  probes === null ? sql`` : sql`and ${sql.ref(column)} in (${sql.join(probes.length ? [...probes] : [""])})`;

/**
 * Counts over [fromMinute, toMinute) for every probe whose start row (and, for a closed window,
 * end row) lies in the edge minute itself — every probe checked at least once a minute — in one
 * statement that subtracts the running totals in SQL. It is driven by the edge minute's rows,
 * which lie side by side in probe_rollup_range (phase, grain, bucket, probe), and looks each one's
 * end up in the small probe_state: 30 days for 10,000 probes is one range read and 10,000 short
 * rows, where starting from probe_state costs a seek into the large roll-up index per probe.
 */
async function joinedCounts(
  db: StoreDb,
  probes: readonly string[] | null,
  fromMinute: number,
  toMinute: number | null,
  withHist: boolean,
): Promise<JoinedRow[]> {
  const end = toMinute === null ? "p" : "e";
  const count = (k: string) =>
    sql`${sql.ref(`${end}.cum_${k}`)} - ${sql.ref(`s.cum_${k}`)} + ${sql.ref(`s.${k}`)} as ${sql.ref(k)}`;
  const { rows } = await sql<JoinedRow>`select s.probe,
      ${sql.join(["checks", "up", "degraded", "down", "missing"].map(count))}
      ${withHist ? sql`, s.hist, s.cum_hist as start_cum_hist, ${sql.ref(`${end}.cum_hist`)} as end_cum_hist` : sql``}
    from probe_rollup s
    join probe_state p on p.probe = s.probe
    ${toMinute === null ? sql`` : sql`join probe_rollup e on e.probe = s.probe and e.phase = 'total' and e.grain = 'm' and e.bucket = ${toMinute - GRAINS.m}`}
    where s.phase = 'total' and s.grain = 'm' and s.bucket = ${fromMinute} ${inList("s.probe", probes)}`.execute(db);
  return rows;
}

/** The probes in probe_state (or in `probes`) the joined statement did not answer, found only when its count falls short. */
async function unanswered(db: StoreDb, probes: readonly string[] | null, answered: number): Promise<string[]> {
  const { rows } = await sql<{
    n: number;
  }>`select count(*) as n from probe_state p where 1 = 1 ${inList("p.probe", probes)}`.execute(db);
  // The joined rows are a subset of probe_state, one per probe: the same count is the same set.
  if (Number(rows[0]?.n ?? 0) === answered) return [];
  const all = await sql<{
    probe: string;
  }>`select probe from probe_state p where 1 = 1 ${inList("p.probe", probes)}`.execute(db);
  return all.rows.map((r) => r.probe);
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

/** The running histograms at a window's edges: the start row's own minute and totals, the end's totals. */
type EdgeHists = { start?: string | null; startCum?: string | null; end?: string | null };

/** Whole-attempt latency between two running histograms. */
function histBetween(h: EdgeHists): Histogram {
  const hist: Histogram = new Map();
  const before = decodeHistogram(h.startCum ?? "{}");
  for (const [i, c] of decodeHistogram(h.start ?? "{}")) before.set(i, (before.get(i) ?? 0) - c);
  for (const [i, c] of decodeHistogram(h.end ?? "{}")) {
    const n = c - (before.get(i) ?? 0);
    if (n > 0) hist.set(i, n);
  }
  return hist;
}

/** What a window is per probe: its counts alone, or with the latency histogram. */
type Shape<T> = { withHist: boolean; make: (counts: Counts, hists: EdgeHists) => T };
const COUNTS: Shape<Counts> = { withHist: false, make: (counts) => counts };
const TOTALS: Shape<WindowTotals> = { withHist: true, make: (counts, h) => ({ counts, hist: histBetween(h) }) };

/** Each edge found by its own seek (any window, any interval). */
async function seekedWindow<T>(
  db: StoreDb,
  probes: readonly string[] | null,
  fromMinute: number,
  toMinute: number | null,
  shape: Shape<T>,
  out: Map<string, T>,
): Promise<void> {
  const starts = await seekedEdgeRows(db, probes, fromMinute, "first-from", shape.withHist);
  const ends: Map<string, Totals> =
    toMinute === null
      ? await currentTotals(db, probes, shape.withHist)
      : await seekedEdgeRows(db, probes, toMinute, "last-before", shape.withHist);
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
    if (counts.checks > 0) out.set(probe, shape.make(counts, { start: s.hist, startCum: s.cum_hist, end: e.cum_hist }));
  }
}

/**
 * Per probe over minutes [fromMinute, toMinute) (toMinute null: up to now); probes without a
 * minute in it are left out. One joined statement answers every probe with rows in the edge
 * minutes; the rest (longer intervals, added or paused since) seek their edges, 500 at a time.
 */
async function windowOver<T>(
  db: StoreDb,
  probes: readonly string[] | null,
  fromMinute: number,
  toMinute: number | null,
  shape: Shape<T>,
): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  const aligned = (t: number) => Number.isSafeInteger(t) && t % GRAINS.m === 0 && t < Number.MAX_SAFE_INTEGER;
  if (!aligned(fromMinute) || (toMinute !== null && !aligned(toMinute))) {
    await seekedWindow(db, probes, fromMinute, toMinute, shape, out);
    return out;
  }
  if (probes?.length === 0) return out;
  const rows = await joinedCounts(db, probes, fromMinute, toMinute, shape.withHist);
  for (const r of rows) {
    const counts = {
      checks: Number(r.checks),
      up: Number(r.up),
      degraded: Number(r.degraded),
      down: Number(r.down),
      missing: Number(r.missing),
    };
    if (counts.checks > 0)
      out.set(r.probe, shape.make(counts, { start: r.hist, startCum: r.start_cum_hist, end: r.end_cum_hist }));
  }
  let rest = await unanswered(db, probes, rows.length);
  if (rest.length) {
    const answered = new Set(rows.map((r) => r.probe));
    rest = rest.filter((p) => !answered.has(p));
  }
  for (let i = 0; i < rest.length; i += IN_LIST)
    await seekedWindow(db, rest.slice(i, i + IN_LIST), fromMinute, toMinute, shape, out);
  return out;
}

/** Status counts per probe over minutes [fromMinute, toMinute) (toMinute null: up to now). */
export const windowCounts = (
  db: StoreDb,
  probes: readonly string[] | null,
  fromMinute: number,
  toMinute: number | null,
): Promise<Map<string, Counts>> => windowOver(db, probes, fromMinute, toMinute, COUNTS);

/** Counts and whole-attempt latency per probe over minutes [fromMinute, toMinute). */
export const windowTotals = (
  db: StoreDb,
  probes: readonly string[] | null,
  fromMinute: number,
  toMinute: number | null,
): Promise<Map<string, WindowTotals>> => windowOver(db, probes, fromMinute, toMinute, TOTALS);
