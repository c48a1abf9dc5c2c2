import type { AttemptStatus, ProbeStatus } from "./types";

/**
 * Flap control, pure. A target's state changes only after N attempts in a row agree (default:
 * 3 failing to go down, 2 good to recover), so one lost packet does not page anyone; a target
 * whose attempts keep changing is shown as `flapping` instead of blinking between up and down.
 */

export interface FlapSettings {
  failAfter: number;
  recoverAfter: number;
  /** Attempts looked at for flapping, and how many status changes among them mean flapping. */
  window: number;
  changes: number;
}

export interface FlapState {
  /** Settled state; `unknown` until the first attempt. */
  status: AttemptStatus | "unknown";
  since: number | null;
  flapping: boolean;
  /** Latest attempts, oldest first. */
  recent: AttemptStatus[];
}

export interface FlapChange {
  from: ProbeStatus;
  to: ProbeStatus;
  reason: string;
}

export const INITIAL_FLAP_STATE: FlapState = { status: "unknown", since: null, flapping: false, recent: [] };

export function shownStatus(s: FlapState): ProbeStatus {
  return s.flapping ? "flapping" : s.status;
}

function changesIn(statuses: readonly AttemptStatus[]): number {
  let n = 0;
  for (let i = 1; i < statuses.length; i++) if (statuses[i] !== statuses[i - 1]) n++;
  return n;
}

/** The settled state after `attempt`, following the rules above. */
function settle(
  state: FlapState,
  recent: AttemptStatus[],
  attempt: AttemptStatus,
  cfg: FlapSettings,
): { status: AttemptStatus | "unknown"; reason: string } {
  // No earlier state to protect: the first attempt is the best evidence there is.
  if (state.status === "unknown") return { status: attempt, reason: "first result" };
  if (attempt === state.status) return { status: state.status, reason: "" };
  const need = attempt === "up" ? cfg.recoverAfter : cfg.failAfter;
  const last = recent.slice(-need);
  if (last.length < need) return { status: state.status, reason: "" };
  // Failing attempts of mixed kinds (down, missing) still count together: a target that fails
  // three times in a row is not up, whatever the three failures were.
  const agree = attempt === "up" ? last.every((s) => s === "up") : last.every((s) => s !== "up" && s !== state.status);
  if (!agree) return { status: state.status, reason: "" };
  return { status: attempt, reason: `${need} ${attempt === "up" ? "good" : "failing"} results in a row` };
}

/** Applies one attempt; returns the new state and the change of the shown status, if any. */
export function applyAttempt(
  state: FlapState,
  attempt: AttemptStatus,
  at: number,
  cfg: FlapSettings,
): { state: FlapState; change: FlapChange | null } {
  const keep = Math.max(cfg.window, cfg.failAfter, cfg.recoverAfter);
  const recent = [...state.recent, attempt].slice(-keep);
  const { status, reason } = settle(state, recent, attempt, cfg);
  const changes = changesIn(recent.slice(-cfg.window));
  // Hysteresis: flapping starts at `changes` and ends only when half as many remain.
  const flapping = state.flapping ? changes >= Math.ceil(cfg.changes / 2) : changes >= cfg.changes;
  const next: FlapState = { status, since: status !== state.status ? at : state.since, flapping, recent };
  const from = shownStatus(state);
  const to = shownStatus(next);
  if (from === to) return { state: next, change: null };
  const why =
    flapping && !state.flapping
      ? `${changes} status changes in the last ${Math.min(recent.length, cfg.window)} results`
      : !flapping && state.flapping
        ? "results settled"
        : reason;
  return { state: next, change: { from, to, reason: why } };
}
