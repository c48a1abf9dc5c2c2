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

export function isBurnWindow(s: string): s is BurnWindow {
  return (BURN_WINDOWS as readonly string[]).includes(s);
}
