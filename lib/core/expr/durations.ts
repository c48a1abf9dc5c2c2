/**
 * The one duration table of the expression language (criteria windows and thresholds, probe
 * condition literals such as `300ms` or `48h`) and of the config's duration strings.
 */
export const DURATION_UNITS = ["ms", "s", "m", "h", "d"] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

const MS_PER: Readonly<Record<DurationUnit, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function isDurationUnit(unit: string): unit is DurationUnit {
  return (DURATION_UNITS as readonly string[]).includes(unit);
}

/** Milliseconds of `amount` in `unit` (ms, s, m, h, d), or null for any other unit. */
export function toMilliseconds(amount: number, unit: string): number | null {
  return isDurationUnit(unit) ? amount * MS_PER[unit] : null;
}

/** Parses a config duration such as "30m" (the schema's holdFor format); null if it is not one. */
export function parseDurationText(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim());
  if (!m) return null;
  return toMilliseconds(Number(m[1]), m[2] ?? "");
}
