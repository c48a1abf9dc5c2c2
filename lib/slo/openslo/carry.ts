import { startupProbeFilter } from "@/lib/gcp/catalogue";
import { DEFAULT_ALERT_RULES, type AlertRule } from "@/lib/health/slo/alerts";
import { isBurnWindow, type BurnWindow } from "@/lib/health/slo/windows";

/**
 * What the OpenSLO readers (v1 and v1alpha) share: an SLO either becomes a Stagewatch SLO or
 * yields the reasons it cannot, one line each. Stagewatch reads one thing — Cloud Run start-up
 * probe counts in Cloud Monitoring — so a metric source is carried only when its filters are
 * exactly the ones Stagewatch itself queries for a scope ("all" or one deployed service).
 */

export type ImportedRule = Omit<AlertRule, "id">;

export type ImportedSlo = {
  /** "all" or a deployed service. */
  scope: string;
  objective: number;
  windowDays: number;
  /** null: the file has no alert policies for it. */
  rules: ImportedRule[] | null;
};

export type Carried = { slo: ImportedSlo | null; lines: string[] };

/** The scope whose good/total filters these are, or null when they are not Stagewatch's. */
export function scopeOfFilters(good: string, total: string, deployed: readonly string[]): string | null {
  const scopes: [string, string | readonly string[]][] = [
    ["all", deployed],
    ...deployed.map((s): [string, string] => [s, s]),
  ];
  for (const [scope, value] of scopes) {
    const labels = { "resource.labels.service_name": value };
    if (
      good.trim() === startupProbeFilter({ ...labels, "metric.labels.is_healthy": "true" }) &&
      total.trim() === startupProbeFilter(labels)
    )
      return scope;
  }
  return null;
}

export const FILTERS_NOT_READ =
  'its filters are not the start-up probe filters Stagewatch reads (run.googleapis.com/container/completed_probe_count for all deployed services or one, good: is_healthy = "true"), so Stagewatch cannot compute it';

/** OpenSLO durations (`28d`, `4w`, `672h`) as whole days; null when not whole days. */
export function wholeDays(duration: string): number | null {
  const m = /^([1-9][0-9]*)([mhdw])$/.exec(duration);
  if (!m) return null;
  const n = Number(m[1]);
  if (m[2] === "d") return n;
  if (m[2] === "w") return n * 7;
  if (m[2] === "h" && n % 24 === 0) return n / 24;
  return null;
}

/** A burn-rate lookback as one of Stagewatch's windows (`1d` and `24h` are the same). */
export function burnWindowOf(lookback: string): BurnWindow | null {
  const normal = lookback === "1d" ? "24h" : lookback === "72h" ? "3d" : lookback;
  return isBurnWindow(normal) ? normal : null;
}

const ruleKey = (r: ImportedRule) => `${r.severity} ${r.threshold} ${r.long}/${r.short}`;
export const describeRule = (r: ImportedRule) => `${r.threshold}× over ${r.long} and ${r.short} (${r.severity})`;

/**
 * Stagewatch alerts on every SLO with the SRE workbook's three rules. An imported SLO whose
 * policies are exactly those says nothing; any other policy, and any workbook rule the file
 * lacks, is a line.
 */
export function alertLines(rules: ImportedRule[] | null): string[] {
  if (rules === null) return ["has no alert policies: Stagewatch will alert on it with the SRE workbook's three rules"];
  const workbook = new Map(DEFAULT_ALERT_RULES.map((r) => [ruleKey(r), r]));
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const r of rules) {
    const key = ruleKey(r);
    if (workbook.has(key)) seen.add(key);
    else
      lines.push(
        `alert rule ${describeRule(r)} not carried: Stagewatch alerts with the SRE workbook's three rules on every SLO`,
      );
  }
  for (const [key, r] of workbook)
    if (!seen.has(key)) lines.push(`the file has no rule ${describeRule(r)}; Stagewatch will alert with it anyway`);
  return lines;
}
