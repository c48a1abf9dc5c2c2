/**
 * Multi-window, multi-burn-rate alerts (SRE workbook, "Alerting on SLOs", recommendation 6):
 * a rule fires only while both its long window (the burn is significant) and its short
 * window (it is still going on) burn faster than the threshold — so one bad minute alone,
 * which moves the 5 m window but hardly the 1 h one, never pages.
 */
export type AlertRule = {
  id: string;
  severity: "page" | "ticket";
  threshold: number;
  /** Window labels ("1h", "5m"; see windowMsOf): a fixed window or one a scaled set reads. */
  long: string;
  short: string;
};

export const DEFAULT_ALERT_RULES: readonly AlertRule[] = [
  { id: "fast-burn", severity: "page", threshold: 14.4, long: "1h", short: "5m" },
  { id: "slow-burn", severity: "page", threshold: 6, long: "6h", short: "30m" },
  { id: "budget-burn", severity: "ticket", threshold: 1, long: "3d", short: "6h" },
];

/** Unknown when either window had no start-ups or its data is stale: never "ok" by default. */
export type Condition = "burning" | "ok" | "unknown";

export type WindowRead = { burnRate: number | null; stale: boolean };

const NOT_READ: WindowRead = { burnRate: null, stale: true };

export function ruleCondition(rule: AlertRule, burn: Readonly<Record<string, WindowRead>>): Condition {
  // A window nobody computed is unknown, never "ok".
  const long = burn[rule.long] ?? NOT_READ;
  const short = burn[rule.short] ?? NOT_READ;
  // Firing needs both windows, fresh; either fresh window at or under the threshold is
  // enough to say the rule is not burning.
  const over = (w: WindowRead) => !w.stale && w.burnRate !== null && w.burnRate > rule.threshold;
  const under = (w: WindowRead) => !w.stale && w.burnRate !== null && w.burnRate <= rule.threshold;
  if (over(long) && over(short)) return "burning";
  if (under(long) || under(short)) return "ok";
  return "unknown";
}

export type AlertStatus = "firing" | "resolved";

export type AlertState = {
  status: AlertStatus;
  /** When the current status began (epoch ms). */
  since: number;
  /** While firing: since when the condition has been continuously "ok" (null: not clear). */
  clearSince: number | null;
};

export type AlertStep = { state: AlertState; transition: AlertStatus | null };

/**
 * One evaluation of a rule. Fires at once (the two windows already filter noise); resolves
 * only after the condition has been "ok" without a break for `resolveHoldMs`, so a burn
 * hovering around the threshold cannot page, resolve, page again every minute. Unknown data
 * neither fires nor resolves, and breaks a clear streak: silence is not recovery.
 */
export function stepAlert(
  prev: AlertState | null,
  condition: Condition,
  now: number,
  resolveHoldMs: number,
): AlertStep {
  if (prev === null || prev.status === "resolved") {
    if (condition === "burning")
      return { state: { status: "firing", since: now, clearSince: null }, transition: "firing" };
    return { state: prev ?? { status: "resolved", since: now, clearSince: null }, transition: null };
  }
  if (condition === "burning" || condition === "unknown")
    return { state: { ...prev, clearSince: null }, transition: null };
  const clearSince = prev.clearSince ?? now;
  if (now - clearSince >= resolveHoldMs)
    return { state: { status: "resolved", since: now, clearSince: null }, transition: "resolved" };
  return { state: { ...prev, clearSince }, transition: null };
}
