/**
 * Time in each state over a week, from recorded state changes (the Overview's and demo
 * readiness's ledgers). Only what the record shows is counted: before the first recorded state
 * and after the last time the state was checked the time is unknown, never the last state and
 * never green. Pure.
 */

export type StateChange = { at: number; to: string };

export type TimeInStates = {
  /** Milliseconds per state; "unknown" holds the time nothing was recorded as well as the state "unknown". */
  ms: Record<string, number>;
  /** Share of the span per state, 0..1 (same keys). */
  share: Record<string, number>;
  spanMs: number;
};

const HOUR_MS = 3_600_000;

/**
 * `changes` in any order; `knownUntil` is the last time the state was checked (null: never), so
 * a watcher that stopped leaves the time after it unknown. `checkedHours` (the starts of the hours
 * with at least one check) makes the hours inside the span in which nobody checked unknown too: the
 * record of changes alone cannot tell a steady state from a watcher that was not running.
 */
export function timeInStates(
  changes: readonly StateChange[],
  from: number,
  to: number,
  knownUntil: number | null,
  checkedHours: readonly number[],
): TimeInStates {
  const ms: Record<string, number> = { unknown: 0 };
  const checked = new Set(checkedHours);
  const credit = (state: string, lo: number, hi: number) => {
    if (hi > lo) ms[state] = (ms[state] ?? 0) + (hi - lo);
  };
  const add = (state: string, a: number, b: number) => {
    const lo = Math.max(a, from);
    const hi = Math.min(b, to);
    if (state === "unknown") return credit(state, lo, hi);
    // Hour by hour: an hour without a check is unknown, not the state recorded before it.
    for (let h = Math.floor(lo / HOUR_MS) * HOUR_MS; h < hi; h += HOUR_MS) {
      const a2 = Math.max(lo, h);
      const b2 = Math.min(hi, h + HOUR_MS);
      credit(checked.has(h) ? state : "unknown", a2, b2);
    }
  };
  const sorted = [...changes].sort((a, b) => a.at - b.at);
  const known = knownUntil === null ? -Infinity : knownUntil;
  let cursor = -Infinity;
  let state = "unknown";
  for (const c of sorted) {
    if (c.at >= to) break;
    add(state, cursor, Math.min(c.at, known));
    add("unknown", Math.max(cursor, known), c.at);
    cursor = c.at;
    state = c.to;
  }
  add(state, cursor, Math.min(to, known));
  add("unknown", Math.max(cursor, known), to);
  const spanMs = Math.max(0, to - from);
  const share = Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, spanMs ? v / spanMs : 0]));
  return { ms, share, spanMs };
}
