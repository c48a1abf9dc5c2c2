// Test harness for the SLO alert rules: a synthetic start-up series and a minute-by-minute run.
import {
  ruleCondition,
  stepAlert,
  type AlertRule,
  type AlertState,
  type WindowRead,
} from "@/lib/config/core/slo/alerts";
import { burnRate, countWindow, type CountPoint } from "./budget";
import { windowMsOf } from "@/lib/core/slo-windows";

export const MIN = 60_000;
export const T0 = Date.UTC(2026, 10, 1);
/** The objective every rule test burns against. */
export const OBJ = 0.95;

/** Per-minute start-ups: 20 a minute, bad share given by `bad(minute)`. */
export function series(minutes: number, bad: (m: number) => number): CountPoint[] {
  return Array.from({ length: minutes }, (_, m) => ({
    t: T0 + (m + 1) * MIN,
    good: 20 - 20 * bad(m),
    bad: 20 * bad(m),
  }));
}

/** The burn over exactly the rule's two windows (whatever their length), as the evaluator reads them. */
export function ruleReads(rule: AlertRule, points: readonly CountPoint[], end: number): Record<string, WindowRead> {
  return Object.fromEntries(
    [rule.long, rule.short].map((w) => [
      w,
      { burnRate: burnRate(countWindow(points, end, windowMsOf(w) ?? Number.NaN, MIN), OBJ), stale: false },
    ]),
  );
}

/** Runs a rule minute by minute from `fromMinute`; returns the transitions with the minute they happened. */
export function runRule(
  rule: AlertRule,
  points: readonly CountPoint[],
  { holdMs = 0, fromMinute = 1 }: { holdMs?: number; fromMinute?: number } = {},
): { minute: number; to: string }[] {
  let state: AlertState | null = null;
  const transitions: { minute: number; to: string }[] = [];
  for (let m = fromMinute; m <= points.length; m++) {
    const now = T0 + m * MIN;
    const step = stepAlert(state, ruleCondition(rule, ruleReads(rule, points, now)), now, holdMs);
    state = step.state;
    if (step.transition) transitions.push({ minute: m, to: step.transition });
  }
  return transitions;
}
