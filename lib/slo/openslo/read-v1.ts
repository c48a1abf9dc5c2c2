import { z } from "zod";
import { FILTERS_NOT_READ, burnWindowOf, scopeOfFilters, wholeDays, type Carried, type ImportedRule } from "./carry";
import { AND_CONDITION_ANNOTATION, CLOUD_MONITORING_SOURCE } from "./names";

/**
 * `openslo/v1` documents (already valid against OpenSLO's schemas) to Stagewatch SLOs. The zod
 * shapes here only type what the schemas already checked; every field that changes what an SLO
 * means and that Stagewatch cannot honour becomes a line.
 */

const metricSource = z.looseObject({
  metricSourceRef: z.string().optional(),
  type: z.string().optional(),
  spec: z.looseObject({ filter: z.unknown().optional(), projectId: z.unknown().optional() }),
});
const part = z.looseObject({ metricSource }).optional();
const sliSpec = z.looseObject({
  thresholdMetric: z.unknown().optional(),
  ratioMetric: z.looseObject({ good: part, bad: part, total: part }).optional(),
});
const conditionSpec = z.looseObject({
  severity: z.string(),
  condition: z.looseObject({
    kind: z.string().optional(),
    op: z.string().optional(),
    threshold: z.number().optional(),
    lookbackWindow: z.string().optional(),
    alertAfter: z.string().optional(),
  }),
});
const policySpec = z.looseObject({
  alertWhenNoData: z.boolean(),
  conditions: z.array(z.looseObject({ conditionRef: z.string().optional(), spec: conditionSpec.optional() })),
});
const sloSpec = z.looseObject({
  indicator: z.looseObject({ spec: sliSpec }).optional(),
  indicatorRef: z.string().optional(),
  timeWindow: z.array(z.looseObject({ duration: z.string(), isRolling: z.boolean().optional() })).optional(),
  budgetingMethod: z.string(),
  objectives: z.array(z.looseObject({ displayName: z.string().optional(), target: z.number() })),
  alertPolicies: z.array(z.string()).optional(),
});

export type V1Document = {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec: Record<string, unknown>;
};
type Index = (kind: string, name: string) => V1Document | undefined;

function sourceFilters(
  spec: z.infer<typeof sliSpec>,
  projectId: string | undefined,
): { good: string; total: string } | string {
  if (spec.thresholdMetric !== undefined || !spec.ratioMetric)
    return "its SLI is a threshold metric; Stagewatch SLOs are good/total ratios";
  const { good, bad, total } = spec.ratioMetric;
  if (!good || bad) return "its SLI counts bad events; Stagewatch reads good and total";
  const parts = [good.metricSource, total?.metricSource];
  for (const m of parts) {
    if (!m) return "its SLI has no total";
    if (m.metricSourceRef)
      return `its metric source refers to DataSource ${m.metricSourceRef}, which Stagewatch cannot read`;
    if (m.type?.toLowerCase() !== CLOUD_MONITORING_SOURCE)
      return `its metric source type ${m.type ?? "(none)"} cannot be read: Stagewatch reads Cloud Monitoring (type ${CLOUD_MONITORING_SOURCE})`;
    if (typeof m.spec.filter !== "string") return "its Cloud Monitoring metric source has no filter";
    if (projectId !== undefined && m.spec.projectId !== undefined && m.spec.projectId !== projectId)
      return `its metric source reads project ${String(m.spec.projectId)}; Stagewatch reads ${projectId}`;
  }
  return { good: String(good.metricSource.spec.filter), total: String(total?.metricSource.spec.filter) };
}

function policyRules(names: string[], find: Index, lines: string[]): ImportedRule[] {
  const rules: ImportedRule[] = [];
  for (const name of names) {
    const doc = find("AlertPolicy", name);
    if (!doc) {
      lines.push(`alert policy ${name} is not in the file; not carried`);
      continue;
    }
    const policy = policySpec.parse(doc.spec);
    if (policy.alertWhenNoData)
      lines.push(`alert policy ${name}: alertWhenNoData not carried (unknown data neither fires nor resolves)`);
    const conditionOf = (c: { conditionRef?: string; spec?: z.infer<typeof conditionSpec> } | undefined) => {
      if (c?.spec) return c.spec;
      const ref = c?.conditionRef && find("AlertCondition", c.conditionRef);
      return ref ? conditionSpec.parse(ref.spec) : undefined;
    };
    const long = conditionOf(policy.conditions[0]);
    const shortName = doc.metadata.annotations?.[AND_CONDITION_ANNOTATION];
    const short = shortName === undefined ? long : conditionOf({ conditionRef: shortName });
    const rule = long && short ? ruleOf(name, long, short, lines) : null;
    if (!long || !short) lines.push(`alert policy ${name} names a condition that is not in the file; not carried`);
    if (rule) rules.push(rule);
  }
  return rules;
}

function ruleOf(
  name: string,
  long: z.infer<typeof conditionSpec>,
  short: z.infer<typeof conditionSpec>,
  lines: string[],
): ImportedRule | null {
  const l = long.condition;
  const s = short.condition;
  const longWindow = burnWindowOf(l.lookbackWindow ?? "");
  const shortWindow = burnWindowOf(s.lookbackWindow ?? "");
  const say = (why: string) => {
    lines.push(`alert policy ${name} not carried: ${why}`);
    return null;
  };
  if ((l.kind ?? "burnrate") !== "burnrate" || (s.kind ?? "burnrate") !== "burnrate")
    return say("not a burn-rate condition");
  if (l.op !== "gt" || s.op !== "gt") return say(`Stagewatch rules fire above a threshold (op gt), not ${l.op ?? "?"}`);
  if (l.threshold === undefined || l.threshold !== s.threshold) return say("its two windows have different thresholds");
  if (!longWindow || !shortWindow)
    return say(
      `windows ${l.lookbackWindow ?? "?"}/${s.lookbackWindow ?? "?"} are not ones Stagewatch computes (5m, 30m, 1h, 6h, 1d, 3d)`,
    );
  for (const after of [l.alertAfter, s.alertAfter])
    if (after !== undefined && after !== "1m")
      lines.push(
        `alert policy ${name}: alertAfter ${after} not carried (Stagewatch fires on the first evaluation over the threshold)`,
      );
  const severity = long.severity === "page" ? "page" : "ticket";
  if (long.severity !== "page" && long.severity !== "ticket")
    lines.push(`alert policy ${name}: severity ${long.severity} read as ticket`);
  return { severity, threshold: l.threshold, long: longWindow, short: shortWindow };
}

export function readV1Slo(
  doc: V1Document,
  find: Index,
  deployed: readonly string[],
  projectId: string | undefined,
): Carried {
  const spec = sloSpec.parse(doc.spec);
  const lines: string[] = [];
  const skip = (why: string): Carried => ({ slo: null, lines: [...lines, `skipped: ${why}`] });
  const sli = spec.indicator?.spec ?? (spec.indicatorRef ? find("SLI", spec.indicatorRef)?.spec : undefined);
  if (!sli) return skip(`its SLI ${spec.indicatorRef ?? ""} is not in the file`);
  // Every reason that blocks the SLO is listed, not only the first.
  const blocking: string[] = [];
  const filters = sourceFilters(sliSpec.parse(sli), projectId);
  const scope = typeof filters === "string" ? null : scopeOfFilters(filters.good, filters.total, deployed);
  if (typeof filters === "string") blocking.push(filters);
  else if (scope === null) blocking.push(FILTERS_NOT_READ);
  const window = spec.timeWindow?.[0];
  const days = window ? wholeDays(window.duration) : null;
  if (!window) blocking.push("it has no time window; Stagewatch needs a rolling window of whole days");
  else if (window.isRolling !== true)
    blocking.push(`its calendar window (${window.duration}) cannot be carried: Stagewatch windows roll`);
  else if (days === null) blocking.push(`its window ${window.duration} is not whole days`);
  if (spec.budgetingMethod !== "Occurrences")
    blocking.push(
      `${spec.budgetingMethod} budgeting cannot be carried: Stagewatch counts occurrences (good ÷ total events)`,
    );
  if (blocking.length || scope === null || days === null)
    return { slo: null, lines: [...lines, ...blocking.map((b) => `skipped: ${b}`)] };
  const [first, ...more] = spec.objectives;
  if (!first) return skip("it has no objective");
  more.forEach((o, i) =>
    lines.push(`objective ${i + 2} (${o.displayName ?? `target ${o.target}`}) not carried: one objective per SLO`),
  );
  const rules = spec.alertPolicies?.length ? policyRules(spec.alertPolicies, find, lines) : null;
  return { slo: { scope, objective: first.target, windowDays: days, rules }, lines };
}
