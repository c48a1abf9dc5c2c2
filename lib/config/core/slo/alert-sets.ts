import { DEFAULT_ALERT_RULES, type AlertRule } from "./alerts";
import { WINDOW_MS, windowLabelOf, windowMsOf } from "@/lib/core/slo-windows";

/**
 * The alert sets an SLO can choose (`alerting` in the staging config):
 * - `workbook`: the SRE workbook's three rules (14.4× 1h/5m, 6× 6h/30m page; 1× 3d/6h ticket),
 *   the same windows whatever the SLO's length — today's behaviour (0011).
 * - `four-window`: Sloth's and Pyrra's set, which adds a 3× 1d/2h ticket. Its windows are
 *   written for 28 days and scaled to the SLO's window as Pyrra does (window × days ÷ 28), so
 *   each rule still means the same share of the budget spent.
 */
export const ALERTING = ["workbook", "four-window"] as const;
export type Alerting = (typeof ALERTING)[number];

/** The four-window set for a 28-day SLO. */
export const FOUR_WINDOW_RULES_28D: readonly AlertRule[] = [
  { id: "fast-burn", severity: "page", threshold: 14.4, long: "1h", short: "5m" },
  { id: "slow-burn", severity: "page", threshold: 6, long: "6h", short: "30m" },
  { id: "day-burn", severity: "ticket", threshold: 3, long: "24h", short: "2h" },
  { id: "budget-burn", severity: "ticket", threshold: 1, long: "3d", short: "6h" },
];

const BASE_DAYS = 28;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Pyrra rounds scaled windows to the minute. Windows longer than the per-minute read (6 h) come
 * from the hourly read, so they are rounded to whole hours — a window Stagewatch cannot count
 * in whole periods would be unknown forever.
 */
export function scaledWindowMs(label: string, windowDays: number): number {
  const ms = ((windowMsOf(label) ?? 0) * windowDays) / BASE_DAYS;
  const step = ms > WINDOW_MS["6h"] ? HOUR : MINUTE;
  return Math.max(step, Math.round(ms / step) * step);
}

export function alertRulesFor(alerting: Alerting, windowDays: number): readonly AlertRule[] {
  if (alerting === "workbook") return DEFAULT_ALERT_RULES;
  return FOUR_WINDOW_RULES_28D.map((r) => ({
    ...r,
    long: windowLabelOf(scaledWindowMs(r.long, windowDays)),
    short: windowLabelOf(scaledWindowMs(r.short, windowDays)),
  }));
}
