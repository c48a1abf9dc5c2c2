import type { StoreDb } from "@/lib/store/db";
import type { Fence } from "@/lib/store/leader";
import { takeExcluded } from "@/lib/store/upsert";
import { encodeHistogram } from "@/lib/probes/core/histogram";
import { cumulativeHist, cumulativeOf, isCumulative, ZERO_COUNTS, type Agg } from "@/lib/probes/core/rollup";
import type { FlapChange, FlapState } from "@/lib/probes/core/flap";
import type { ProbeResult } from "@/lib/probes/core/types";

/** One result as the recorder queues it for the next flush. */
export interface Recorded {
  result: ProbeResult;
  state: FlapState;
  change: FlapChange | null;
}

/** The running totals both the roll-up and the state row carry (one writer: the leader replaces them whole). */
const CUMULATIVE_COLUMNS = ["cum_checks", "cum_up", "cum_degraded", "cum_down", "cum_missing", "cum_hist"] as const;

const CHUNK = 100;
const chunks = <T>(xs: T[]): T[][] =>
  Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, i * CHUNK + CHUNK));
// SQLite runs on this thread: yielding between chunks lets due probes start on time.
const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

/**
 * One flush in one transaction: raw results, roll-ups (replaced whole), state, state changes.
 * Roll-ups are replaced whole because one writer owns them: the leader, whose `fence` runs first
 * in the transaction and refuses the whole batch once another replica holds the lease.
 */
export async function writeBatch(
  db: StoreDb,
  items: Recorded[],
  aggs: Agg[],
  latestMinute: ReadonlyMap<string, Agg>,
  fence?: Fence,
): Promise<void> {
  const latest = new Map<string, Recorded>();
  for (const item of items) latest.set(item.result.probe, item);
  const changes = items.flatMap(({ result: r, change: c }) =>
    c ? [{ probe: r.probe, at: Date.parse(r.checkedAt), from_status: c.from, to_status: c.to, reason: c.reason }] : [],
  );
  await db.transaction().execute(async (tx) => {
    await fence?.(tx);
    for (const part of chunks(items)) {
      await tx
        .insertInto("probe_result")
        .values(
          part.map(({ result: r }) => ({
            probe: r.probe,
            checked_at: Date.parse(r.checkedAt),
            status: r.status,
            duration_ms: r.durationMs,
            failed_phase: r.failedPhase,
            error_class: r.errorClass,
            error_message: r.errorMessage,
            phases: JSON.stringify(r.phases),
            conditions: JSON.stringify(r.conditions),
            details: JSON.stringify(r.details),
          })),
        )
        .execute();
      await yieldToLoop();
    }
    for (const part of chunks(aggs)) {
      await tx
        .insertInto("probe_rollup")
        .values(
          part.map((a) => {
            const cum = isCumulative(a) ? cumulativeOf(a) : ZERO_COUNTS;
            return {
              probe: a.probe,
              phase: a.phase,
              grain: a.grain,
              bucket: a.bucket,
              checks: a.checks,
              up: a.up,
              degraded: a.degraded,
              down: a.down,
              missing: a.missing,
              n: a.n,
              sum_ms: a.sumMs,
              max_ms: a.maxMs,
              hist: encodeHistogram(a.hist),
              cum_checks: cum.checks,
              cum_up: cum.up,
              cum_degraded: cum.degraded,
              cum_down: cum.down,
              cum_missing: cum.missing,
              cum_hist: isCumulative(a) ? encodeHistogram(cumulativeHist(a)) : "{}",
            };
          }),
        )
        .onConflict((oc) =>
          oc
            .columns(["probe", "phase", "grain", "bucket"])
            .doUpdateSet(
              takeExcluded<"probe_rollup">([
                "checks",
                "up",
                "degraded",
                "down",
                "missing",
                "n",
                "sum_ms",
                "max_ms",
                "hist",
                ...CUMULATIVE_COLUMNS,
              ]),
            ),
        )
        .execute();
      await yieldToLoop();
    }
    for (const part of chunks([...latest.values()])) {
      await tx
        .insertInto("probe_state")
        .values(
          part.map(({ result: r, state: s }) => {
            const latest = latestMinute.get(r.probe);
            const cum = latest ? cumulativeOf(latest) : ZERO_COUNTS;
            return {
              probe: r.probe,
              status: s.status,
              flapping: s.flapping ? 1 : 0,
              since: s.since,
              recent: JSON.stringify(s.recent),
              last_checked_at: Date.parse(r.checkedAt),
              last_status: r.status,
              last_duration_ms: r.durationMs,
              last_error: r.errorMessage,
              cum_checks: cum.checks,
              cum_up: cum.up,
              cum_degraded: cum.degraded,
              cum_down: cum.down,
              cum_missing: cum.missing,
              cum_hist: latest ? encodeHistogram(cumulativeHist(latest)) : "{}",
              updated_at: Date.now(),
            };
          }),
        )
        .onConflict((oc) =>
          oc
            .column("probe")
            .doUpdateSet(
              takeExcluded<"probe_state">([
                "status",
                "flapping",
                "since",
                "recent",
                "last_checked_at",
                "last_status",
                "last_duration_ms",
                "last_error",
                "updated_at",
                ...CUMULATIVE_COLUMNS,
              ]),
            ),
        )
        .execute();
      await yieldToLoop();
    }
    for (const part of chunks(changes)) await tx.insertInto("probe_state_change").values(part).execute();
  });
}
