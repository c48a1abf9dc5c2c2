import type { FlapSettings, FlapState } from "./flap";

/**
 * Confirm on failure, in time rather than in count (issue 28). Flap control still needs
 * `failAfter` failing results in a row before a target goes down; what changes is when those
 * results are taken. After a result that breaks with the settled state towards failure, the
 * next attempt is due in `recheckSeconds` instead of a whole interval, so a 15-s probe with
 * `failAfter: 2` is confirmed down a few seconds after its first failure, not 15 s later.
 * Recovery is untouched: good results still come at the interval, `recoverAfter` of them.
 *
 * Bounded: a run of `failAfter` such results settles the state, so one suspicion asks for at
 * most `failAfter - 1` re-checks; a good result (or one that matches the settled state) ends it.
 */

/** Golden-path probes re-check after this many seconds unless their config says otherwise. */
export const GOLDEN_PATH_RECHECK_SECONDS = 3;

export interface RecheckSettings {
  goldenPath: boolean;
  intervalSeconds: number;
  flap: FlapSettings & { recheckSeconds?: number };
}

/** The re-check delay this probe uses (seconds), or null when it waits for its interval. */
export function recheckSecondsOf(cfg: RecheckSettings): number | null {
  const s = cfg.flap.recheckSeconds ?? (cfg.goldenPath ? GOLDEN_PATH_RECHECK_SECONDS : 0);
  // A re-check no sooner than the next scheduled attempt would add nothing.
  return s > 0 && s < cfg.intervalSeconds ? s : null;
}

/**
 * Milliseconds until the re-check `state` (after its latest attempt) asks for, or null. Pure:
 * the scheduler decides when that is on its clock.
 */
export function recheckDelayMs(state: FlapState, cfg: RecheckSettings): number | null {
  const seconds = recheckSecondsOf(cfg);
  const latest = state.recent.at(-1);
  if (seconds === null || latest === undefined || latest === "up") return null;
  // Nothing settled to protect (the first result settles at once), or the failure is already the state.
  if (state.status === "unknown" || latest === state.status) return null;
  let run = 0;
  for (let i = state.recent.length - 1; i >= 0 && state.recent[i] !== "up" && state.recent[i] !== state.status; i--)
    run++;
  return run < cfg.flap.failAfter ? seconds * 1000 : null;
}
