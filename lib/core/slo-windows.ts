/**
 * The burn-rate windows of Google's SRE workbook (chapter 5, "Alerting on SLOs"): the long
 * windows say the burn is real, the short ones that it is still happening.
 */
export const BURN_WINDOWS = ["5m", "30m", "1h", "6h", "24h", "3d"] as const;
export type BurnWindow = (typeof BURN_WINDOWS)[number];

const MINUTE = 60_000;
export const WINDOW_MS: Readonly<Record<BurnWindow, number>> = {
  "5m": 5 * MINUTE,
  "30m": 30 * MINUTE,
  "1h": 60 * MINUTE,
  "6h": 6 * 60 * MINUTE,
  "24h": 24 * 60 * MINUTE,
  "3d": 3 * 24 * 60 * MINUTE,
};

export const DAY_MS = 24 * 60 * MINUTE;

/** An SLO's rolling window in whole days: at least the longest alert window, at most Cloud Monitoring's 30. */
export const MIN_SLO_WINDOW_DAYS = Math.ceil(WINDOW_MS["3d"] / DAY_MS);
export const MAX_SLO_WINDOW_DAYS = 30;

export function isBurnWindow(s: string): s is BurnWindow {
  return (BURN_WINDOWS as readonly string[]).includes(s);
}

const UNIT_MS: Readonly<Record<string, number>> = { m: MINUTE, h: 60 * MINUTE, d: 24 * 60 * MINUTE };

/**
 * A rule's window as written ("5m", "2h", "3d"): the fixed windows above are the ones every SLO
 * shows; a four-window set scaled to a 30-day SLO reads others (e.g. "64m"). Null when not one.
 */
export function windowMsOf(label: string): number | null {
  const m = /^([1-9][0-9]*)([mhd])$/.exec(label);
  const unit = m ? UNIT_MS[m[2] ?? ""] : undefined;
  return m && unit ? Number(m[1]) * unit : null;
}

/** The label of a whole number of minutes, in the spelling the fixed windows use (24h, 3d). */
export function windowLabelOf(ms: number): string {
  if (ms % DAY_MS === 0 && ms >= 2 * DAY_MS) return `${ms / DAY_MS}d`;
  if (ms % (60 * MINUTE) === 0) return `${ms / (60 * MINUTE)}h`;
  return `${Math.round(ms / MINUTE)}m`;
}
