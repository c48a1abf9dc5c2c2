import { formatMs, formatMultiplier, formatPercent } from "@/lib/core/format";
import type { Expr, Measurement, SeriesRef, ServiceScope } from "./types";

export { parseDurationText, toMilliseconds } from "@/lib/core/expr/durations";

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

/** Human text of a measured value with its unit (lib/core/format.ts), e.g. "97.3%", "183 ms", "12 failures", "down". */
export function formatMeasured(m: Measurement, value: number | string): string {
  if (typeof value === "string") return value;
  switch (m.kind) {
    case "startup_success_rate":
    case "probe_uptime":
    case "error_budget_remaining":
    case "connector_headroom":
      return formatPercent(value);
    case "burn_rate":
      return formatMultiplier(value);
    case "percentile":
      return formatMs(value);
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
    case "connector_headroom":
      return `connector_headroom(${durationText(m.windowSeconds)})`;
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
