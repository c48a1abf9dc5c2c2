import { FILTERS_NOT_READ, scopeOfFilters, type Carried } from "./carry";
import { CLOUD_MONITORING_SOURCE } from "./names";
import type { V1alphaMetric, V1alphaSlo } from "./v1alpha";

/**
 * `openslo/v1alpha` SLOs (as Sloth writes them) to Stagewatch SLOs. A metric is carried when its
 * source is Cloud Monitoring and its query is the very filter Stagewatch reads (queryType
 * `filter`); Sloth's Prometheus queries are reported, never guessed at.
 */

const DAYS_PER_UNIT: Readonly<Record<string, number>> = { Day: 1, Week: 7 };

function unreadable(m: V1alphaMetric): string | null {
  if (m.source.toLowerCase() !== CLOUD_MONITORING_SOURCE)
    return `its metric source ${m.source} (${m.queryType}) cannot be read: Stagewatch reads Cloud Monitoring (source ${CLOUD_MONITORING_SOURCE}, queryType filter)`;
  if (m.queryType !== "filter") return `its Cloud Monitoring query type ${m.queryType} is not a filter`;
  return null;
}

export function readV1alphaSlo(doc: V1alphaSlo, deployed: readonly string[]): Carried {
  const spec = doc.spec;
  const lines: string[] = [];
  const skip = (why: string): Carried => ({ slo: null, lines: [...lines, `skipped: ${why}`] });
  if (spec.indicator) return skip("its SLI is a threshold metric; Stagewatch SLOs are good/total ratios");
  const [first, ...more] = spec.objectives;
  if (!first) return skip("it has no objective");
  more.forEach((o, i) =>
    lines.push(`objective ${i + 2} (${o.displayName ?? `target ${o.target}`}) not carried: one objective per SLO`),
  );
  // Every reason that blocks the SLO is listed, not only the first.
  const blocking: string[] = [];
  const ratio = first.ratioMetrics ?? first.ratioMetric;
  let scope: string | null = null;
  if (!ratio) blocking.push("its first objective has no ratio metric");
  else if (!ratio.good) blocking.push("its SLI counts bad events; Stagewatch reads good and total");
  else {
    const why = unreadable(ratio.good) ?? unreadable(ratio.total);
    scope = why ? null : scopeOfFilters(ratio.good.query, ratio.total.query, deployed);
    if (why || scope === null) blocking.push(why ?? FILTERS_NOT_READ);
  }
  const [window] = spec.timeWindows;
  const perUnit = window ? DAYS_PER_UNIT[window.unit] : undefined;
  if (!window) blocking.push("it has no time window");
  else if (window.calendar || window.isRolling === false)
    blocking.push(`its calendar window (${window.count} ${window.unit}) cannot be carried: Stagewatch windows roll`);
  else if (perUnit === undefined) blocking.push(`its window ${window.count} ${window.unit} is not whole days`);
  if (spec.budgetingMethod !== "Occurrences")
    blocking.push(
      `${spec.budgetingMethod} budgeting cannot be carried: Stagewatch counts occurrences (good ÷ total events)`,
    );
  if (blocking.length || scope === null || !window || perUnit === undefined)
    return { slo: null, lines: [...lines, ...blocking.map((b) => `skipped: ${b}`)] };
  if (spec.alertPolicies?.length)
    lines.push("its v1alpha alert policies are not carried: Stagewatch alerts with the SRE workbook's three rules");
  return { slo: { scope, objective: first.target, windowDays: window.count * perUnit, rules: null }, lines };
}
