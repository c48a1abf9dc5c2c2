/**
 * The one place for display text of numbers, durations, ages and times, on the server, in the
 * browser and in the pure core (verdict, criteria and readiness texts). Pure: no I/O, no clock.
 * Missing or non-finite values render as "—", never as 0.
 */
const DASH = "—";

/**
 * The one percent format: truncated (toward zero), never rounded, so 94.96% reads "94.9%" and
 * never "95.0%" next to a 95% target. The epsilon keeps 0.29 (28.999…% in binary) at "29.0%".
 */
export function formatPercent(ratio: number | null | undefined, digits = 1): string {
  if (ratio == null || !Number.isFinite(ratio)) return DASH;
  const scale = 10 ** digits;
  const scaled = ratio * 100 * scale;
  const truncated = Math.trunc(scaled + (scaled >= 0 ? 1e-7 : -1e-7)) / scale;
  return `${truncated.toFixed(digits)}%`;
}

/** A configured target or threshold (never a measurement): "95%", or "99.5%" when it has a decimal. */
export function formatTarget(ratio: number | null | undefined): string {
  if (ratio == null || !Number.isFinite(ratio)) return DASH;
  const whole = Math.abs(ratio * 100 - Math.round(ratio * 100)) < 1e-9;
  return formatPercent(ratio, whole ? 0 : 1);
}

/** A multiple, e.g. a burn rate: "0.85×", "1.23×", "14.4×" (two decimals below 10, then one). */
export function formatMultiplier(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return `${value.toFixed(Math.abs(value) < 10 ? 2 : 1)}×`;
}

export function formatBitsPerSecond(bps: number | null | undefined): string {
  if (bps == null || !Number.isFinite(bps)) return DASH;
  const units = ["bit/s", "kbit/s", "Mbit/s", "Gbit/s"];
  let v = bps;
  let i = 0;
  while (Math.abs(v) >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v.toFixed(v >= 100 || i === 0 ? 0 : 1)} ${units[i]}`;
}

export function formatCount(n: number | null | undefined): string {
  return n == null || !Number.isFinite(n) ? DASH : Math.round(n).toLocaleString("en-US");
}

const MINUTE = 60;
const HOUR = 3_600;
const DAY = 86_400;
/** Each unit, in seconds, and the value it is used below (hours up to 48: "36 h", not "1 d 12 h"). */
const UNITS: readonly (readonly [size: number, name: string, below: number])[] = [
  [1, "s", MINUTE],
  [MINUTE, "min", HOUR],
  [HOUR, "h", 48 * HOUR],
  [DAY, "d", Infinity],
];

/**
 * The one duration format, in the units a Grafana user reads: "850 ms", "1.5 s", "8 s", "12 s",
 * "2 min 5 s", "3 h 5 min", "2 d 3 h". One decimal only between 1 and 10 s (a trailing ".0"
 * dropped); from a minute on, whole units, at most two, the smaller one left out when zero.
 */
export function formatMs(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return DASH;
  if (ms < 0) return `-${formatMs(-ms)}`;
  if (Math.round(ms) < 1_000) return `${Math.round(ms)} ms`;
  const tenths = Math.round(ms / 100) / 10;
  if (tenths < 10) return `${tenths.toFixed(1).replace(/\.0$/, "")} s`;
  const seconds = Math.round(ms / 1_000);
  const i = UNITS.findIndex(([, , below]) => seconds < below);
  const [size, name] = UNITS[i] ?? [DAY, "d"];
  const smaller = UNITS[i - 1];
  const whole = Math.floor(seconds / size);
  const rest = smaller ? Math.floor((seconds % size) / smaller[0]) : 0;
  return rest && smaller ? `${whole} ${name} ${rest} ${smaller[1]}` : `${whole} ${name}`;
}

/** The duration rule for a value kept in whole seconds (hold times, evidence ages): zero is "0 s". */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds != null && Math.abs(seconds) < 0.5) return "0 s";
  return formatMs(seconds == null ? seconds : seconds * 1_000);
}

/**
 * How old something is, for "as of … (age)" and "… ago": the duration rule in whole seconds,
 * and from a minute on in whole minutes ("2 min", "3 h 5 min", "3 d 5 h"), so an age that is
 * redrawn every second does not flicker.
 */
export function formatAge(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return DASH;
  const s = Math.max(0, Math.round(seconds));
  return s < MINUTE ? `${s} s` : formatSeconds(s - (s % MINUTE));
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

/**
 * The same durations in plain words, for the texts people who are not engineers read (demo
 * readiness): 1800 → "30 minutes", 5400 → "90 minutes"; with `bareUnit`, 3600 → "hour" for
 * "in the last hour". A bigger unit only when it is exact or the rounding no longer matters.
 */
export function formatDurationWords(totalSeconds: number, opts: { bareUnit?: boolean } = {}): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const pick = (n: number, unit: string) => (opts.bareUnit && n === 1 ? unit : plural(n, unit));
  if (s < 90) return pick(s, "second");
  if (s < HOUR || (s < 3 * HOUR && s % HOUR !== 0)) return pick(Math.round(s / MINUTE), "minute");
  if (s < 48 * HOUR || (s < 7 * DAY && s % DAY !== 0)) return pick(Math.round(s / HOUR), "hour");
  return pick(Math.round(s / DAY), "day");
}

/**
 * The one clock: "14:03 UTC", in UTC so server and browser render the same text; with
 * `seconds`, "14:03:27 UTC" (probes run every few seconds, so the minute alone is not enough).
 */
export function formatClock(iso: string | Date | null | undefined, opts: { seconds?: boolean } = {}): string {
  if (!iso) return DASH;
  const d = typeof iso === "string" ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return DASH;
  return `${d.toISOString().slice(11, opts.seconds ? 19 : 16)} UTC`;
}

export function formatDateTime(iso: string | Date | null | undefined): string {
  if (!iso) return DASH;
  const d = typeof iso === "string" ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return DASH;
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAY_MS = 86_400_000;

/**
 * The one tick text of every time axis, by the span the axis covers (UTC, like formatClock):
 * up to a day "14:00"; up to three days the date and the hour, "7 Dec 14:00"; longer, the date
 * alone, "7 Dec". A 28-day SLO burndown labelled with hours of the day reads as one day.
 */
export function formatTimeTick(t: string | number | Date, spanMs: number): string {
  const d = t instanceof Date ? t : new Date(t);
  if (Number.isNaN(d.getTime())) return DASH;
  const clock = d.toISOString().slice(11, 16);
  if (!(spanMs > DAY_MS)) return clock;
  const date = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()] ?? ""}`;
  return spanMs <= 3 * DAY_MS ? `${date} ${clock}` : date;
}

/** The span (ms) between the first and last of `times` (ISO texts or epoch ms); 0 when fewer than two parse. */
export function timeSpanMs(times: readonly (string | number)[]): number {
  let min = Infinity;
  let max = -Infinity;
  for (const t of times) {
    const ms = typeof t === "number" ? t : Date.parse(t);
    if (Number.isNaN(ms)) continue;
    min = Math.min(min, ms);
    max = Math.max(max, ms);
  }
  return max > min ? max - min : 0;
}
