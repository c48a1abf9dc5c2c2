import { startupProbeFilter } from "@/lib/gcp/catalogue";
import { ALERTING, alertRulesFor, type Alerting } from "@/lib/config/core/slo/alert-sets";
import type { AlertRule } from "@/lib/config/core/slo/alerts";
import { DAY_MS, WINDOW_MS, windowLabelOf, windowMsOf } from "@/lib/core/slo-windows";

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

/**
 * A burn-rate lookback as a window Stagewatch can count: any whole number of minutes up to the
 * per-minute read's 6 h, whole hours beyond it (from the hourly read), at most 30 days.
 */
export function burnWindowOf(lookback: string): string | null {
  const ms = windowMsOf(lookback);
  if (ms === null || ms > 30 * DAY_MS || (ms > WINDOW_MS["6h"] && ms % 3_600_000 !== 0)) return null;
  return windowLabelOf(ms);
}

const ruleKey = (r: ImportedRule) => `${r.severity} ${r.threshold} ${windowMsOf(r.long)}/${windowMsOf(r.short)}`;
export const describeRule = (r: ImportedRule) => `${r.threshold}× over ${r.long} and ${r.short} (${r.severity})`;

/**
 * The alert set whose rules (for this window length) the file's policies are: the one that
 * matches most of them, the workbook's on a tie. Any other policy, and any rule of the chosen
 * set the file lacks, is a line.
 */
export function alertingOf(rules: ImportedRule[] | null, windowDays: number): { alerting: Alerting; lines: string[] } {
  if (rules === null)
    return {
      alerting: "workbook",
      lines: ["has no alert policies: Stagewatch will alert on it with the SRE workbook's three rules"],
    };
  const keys = new Set(rules.map(ruleKey));
  const [alerting] = [...ALERTING].sort(
    (a, b) =>
      alertRulesFor(b, windowDays).filter((r) => keys.has(ruleKey(r))).length -
      alertRulesFor(a, windowDays).filter((r) => keys.has(ruleKey(r))).length,
  ) as [Alerting];
  const set = alertRulesFor(alerting, windowDays);
  const wanted = new Set(set.map(ruleKey));
  const name = alerting === "workbook" ? "the SRE workbook's rules" : `the four-window set for ${windowDays} days`;
  const lines = [
    ...rules
      .filter((r) => !wanted.has(ruleKey(r)))
      .map((r) => `alert rule ${describeRule(r)} not carried: it is not one of ${name}, which Stagewatch will use`),
    ...set
      .filter((r) => !keys.has(ruleKey(r)))
      .map((r) => `the file has no rule ${describeRule(r)}; Stagewatch will alert with it anyway (${name})`),
  ];
  return { alerting, lines };
}
