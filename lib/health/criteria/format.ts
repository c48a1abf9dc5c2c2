import { formatPercent } from "@/lib/format";
import type { Expr, Measurement, SeriesRef, ServiceScope } from "./types";

export { parseDurationText, toMilliseconds } from "@/lib/health/expr/durations";

/** Compact duration for engineers: 90 → "1m 30s", 86400 → "24h" (hours read better than "1d"). */
export function formatSeconds(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  if (s === 0) return "0s";
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3_600);
  const minutes = Math.floor((s % 3_600) / 60);
  const seconds = s % 60;
  if (days >= 2) return hours ? `${days}d ${hours}h` : `${days}d`;
  const totalHours = days * 24 + hours;
  const parts = [
    totalHours ? `${totalHours}h` : "",
    minutes ? `${minutes}m` : "",
    seconds && !totalHours ? `${seconds}s` : "",
  ];
  return parts.filter(Boolean).join(" ");
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

/** Plain English for people who are not engineers: 1800 → "30 minutes", 3600 → "hour". */
export function humanSeconds(totalSeconds: number, opts: { bareUnit?: boolean } = {}): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const pick = (n: number, unit: string) => (opts.bareUnit && n === 1 ? unit : plural(n, unit));
  // A bigger unit only when it is exact or the rounding no longer matters: "90 minutes", "1 hour".
  if (s < 90) return pick(s, "second");
  if (s < 3_600 || (s < 3 * 3_600 && s % 3_600 !== 0)) return pick(Math.round(s / 60), "minute");
  if (s < 48 * 3_600 || (s < 7 * 86_400 && s % 86_400 !== 0)) return pick(Math.round(s / 3_600), "hour");
  return pick(Math.round(s / 86_400), "day");
}

/**
 * A measured ratio: the one percent format of every view (truncated to 0.1, "94.9%", never
 * "95.0%" for 94.96%), so a criterion, a readiness reason and the Overview print the same text.
 */
export function formatRatio(ratio: number): string {
  return formatPercent(ratio);
}

/** A configured threshold: "95%", or "99.5%" when it has a decimal (never a measurement). */
export function formatThreshold(ratio: number): string {
  const whole = Math.abs(ratio * 100 - Math.round(ratio * 100)) < 1e-9;
  return formatPercent(ratio, whole ? 0 : 1);
}

/** "183 ms", "1.2 s", "12 s". */
export function formatMilliseconds(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  const s = ms / 1_000;
  return `${s < 10 ? s.toFixed(1).replace(/\.0$/, "") : Math.round(s)} s`;
}

function countNoun(m: Measurement): [string, string] {
  switch (m.kind) {
    case "startup_failures":
      return ["failed start-up", "failed start-ups"];
    case "failures":
      return ["failure", "failures"];
    case "blocking_phases":
      return ["blocking phase", "blocking phases"];
    default:
      return ["", ""];
  }
}

/** Human text of a measured value with its unit, e.g. "97.3%", "183 ms", "12 failures", "down". */
export function formatMeasured(m: Measurement, value: number | string): string {
  if (typeof value === "string") return value;
  switch (m.kind) {
    case "startup_success_rate":
    case "probe_uptime":
    case "error_budget_remaining":
      return formatRatio(value);
    case "burn_rate":
      return `${value.toFixed(value < 10 ? 2 : 1)}×`;
    case "percentile":
      return formatMilliseconds(value);
    default: {
      const [one, many] = countNoun(m);
      return `${value} ${value === 1 ? one : many}`.trim();
    }
  }
}

/** A window or duration in the largest whole unit: 3600 → "1h", 90 → "90s". */
function durationText(seconds: number): string {
  const units: [string, number][] = [
    ["d", 86_400],
    ["h", 3_600],
    ["m", 60],
  ];
  for (const [unit, size] of units) if (seconds % size === 0) return `${seconds / size}${unit}`;
  return `${seconds}s`;
}

function scopeText(s: ServiceScope): string {
  return s.kind === "all" ? "all" : JSON.stringify(s.name);
}

function seriesText(s: SeriesRef): string {
  return s.kind === "probe_phase"
    ? `probe_phase(${JSON.stringify(s.probe)}, ${JSON.stringify(s.phase)})`
    : `startup_latency(${scopeText(s.service)})`;
}

/** A measurement as the language writes it, e.g. `startup_success_rate(all, 1h)`. */
export function formatMeasurement(m: Measurement): string {
  switch (m.kind) {
    case "startup_success_rate":
    case "startup_failures":
    case "error_budget_remaining":
    case "burn_rate":
      return `${m.kind}(${scopeText(m.service)}, ${durationText(m.windowSeconds)})`;
    case "probe_uptime":
      return `probe_uptime(${JSON.stringify(m.probe)}, ${durationText(m.windowSeconds)})`;
    case "probe_status":
      return `probe_status(${JSON.stringify(m.probe)})`;
    case "failures":
      return `failures(${JSON.stringify(m.signature)}, ${durationText(m.windowSeconds)})`;
    case "percentile":
      return `p${m.percentile}(${seriesText(m.series)}, ${durationText(m.windowSeconds)})`;
    case "blocking_phases":
      return "blocking_phases()";
  }
}

/**
 * Prints a parsed criterion back as source, from the AST (not the text it was parsed from):
 * parsing the result gives the same AST. Parentheses only where the tree needs them.
 */
export function formatExpr(e: Expr): string {
  if (e.kind === "compare") {
    const t = e.threshold;
    return `${formatMeasurement(e.measurement)} ${e.op} ${typeof t.value === "string" ? JSON.stringify(t.value) : t.text}`;
  }
  // `and` binds tighter than `or`; both group from the left, so a right-hand junction of the
  // same kind (written with parentheses) keeps them.
  const wrap = (x: Expr, right: boolean) =>
    x.kind === "compare" || (!right && x.kind === e.kind) || (e.kind === "or" && x.kind === "and")
      ? formatExpr(x)
      : `(${formatExpr(x)})`;
  return `${wrap(e.left, false)} ${e.kind} ${wrap(e.right, true)}`;
}
