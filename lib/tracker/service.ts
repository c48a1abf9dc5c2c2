import "server-only";
import { loadRows } from "./store";
import { defaultTrackerContext, readTracker, type TrackerContext } from "./state";
import { recordEvaluationError, runEvaluation, type EvaluationRun, type EvaluatorOptions } from "./evaluator";
import { buildView } from "./view";
import type { TrackerView } from "./types";
import { processSingleton } from "@/lib/base/singleton";
import { Coalescer } from "@/lib/base/coalesce";

/**
 * The evaluation service: runs in the background every EVALUATION_INTERVAL_MS (started from
 * lib/server/start.ts) and on request when the last run is older than a reader accepts.
 * Concurrent requests in one process share one run; the upstream reads behind it are cached
 * and coalesced, so a page full of viewers costs one evaluation.
 */

export const EVALUATION_INTERVAL_MS = 60_000;
/** A page asks for results no older than its own 30 s refresh. */
export const VIEW_MAX_AGE_MS = 30_000;

type Holder = { runs: Coalescer<object, EvaluationRun>; timer?: NodeJS.Timeout };
const state = (): Holder => processSingleton<Holder>("tracker", () => ({ runs: new Coalescer() }));

/** Runs an evaluation now, or joins the one already running for this store. */
export function evaluateNow(ctx: TrackerContext, now: number, opts: EvaluatorOptions = {}): Promise<EvaluationRun> {
  return state().runs.run(ctx.store, () =>
    runEvaluation(ctx, now, opts).catch(async (err: unknown) => {
      await recordEvaluationError(ctx, err).catch(() => undefined);
      throw err;
    }),
  );
}

/** Evaluates first when the stored results are older than `maxAgeMs`. */
export async function ensureEvaluated(
  ctx: TrackerContext,
  now: number,
  maxAgeMs: number,
  opts: EvaluatorOptions = {},
): Promise<void> {
  const rows = await readTracker(ctx, now);
  const last = rows.meta?.evaluated_at ?? null;
  if (last !== null && now - last <= maxAgeMs) return;
  try {
    await evaluateNow(ctx, now, opts);
  } catch (err) {
    // The view still renders: results older than STALE_EVALUATION_MS show as unknown and
    // the error is on the page (tracker_meta.evaluation_error).
    console.error("Tracker evaluation failed", err);
  }
}

export async function trackerView(
  ctx: TrackerContext,
  now: number,
  opts: EvaluatorOptions & { maxAgeMs?: number } = {},
): Promise<TrackerView> {
  await ensureEvaluated(ctx, now, opts.maxAgeMs ?? VIEW_MAX_AGE_MS, opts);
  return buildView(ctx.incident, await loadRows(ctx.store.db, ctx.incident.id), now);
}

/** The tracker for the API and the page, in the app's own store and config. */
export async function getTrackerView(now: number): Promise<TrackerView> {
  return trackerView(await defaultTrackerContext(), now);
}

/** Starts the background evaluation once per process (idempotent across module copies). */
export function startTrackerEvaluator(): void {
  const s = state();
  if (s.timer) return;
  const tick = () => {
    void defaultTrackerContext()
      .then((ctx) => evaluateNow(ctx, Date.now()))
      .catch((err: unknown) => console.error("Tracker evaluation failed", err));
  };
  s.timer = setInterval(tick, EVALUATION_INTERVAL_MS);
  // Never keeps the process alive on its own.
  s.timer.unref();
  setTimeout(tick, 2_000).unref();
}

export function stopTrackerEvaluator(): void {
  const s = state();
  if (s.timer) clearInterval(s.timer);
  s.timer = undefined;
}
