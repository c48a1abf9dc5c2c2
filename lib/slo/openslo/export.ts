import { stringify } from "yaml";
import { STARTUP_PROBE_METRIC } from "@/lib/gcp/catalogue";
import type { AlertRule } from "@/lib/config/core/slo/alerts";
import { rulesOf, type ExportPlan } from "@/lib/slo/export/resources";
import {
  AND_CONDITION_ANNOTATION,
  CLOUD_MONITORING_SOURCE,
  NOTIFICATION_TARGET,
  OPENSLO_V1,
  conditionName,
  policyName,
  serviceName,
  sliName,
} from "./names";

/**
 * The SLOs as OpenSLO `openslo/v1` documents, built from the same plan as the Cloud Monitoring
 * export (so both carry the very filters Stagewatch reads). Per SLO: a Service, an SLI
 * (ratioMetric good/total over Cloud Monitoring filters), the SLO (rolling window in days,
 * Occurrences), and per alert rule an AlertPolicy whose condition is the long window, with the
 * short window as a second AlertCondition tied to it (v1 allows one condition per policy; see
 * docs/slo.md). Pure: the same config always gives the same text.
 */

export type OpenSloDocument = {
  apiVersion: typeof OPENSLO_V1;
  kind: "Service" | "SLI" | "SLO" | "AlertCondition" | "AlertPolicy" | "AlertNotificationTarget";
  metadata: {
    name: string;
    displayName?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec: Record<string, unknown>;
};

const doc = (
  kind: OpenSloDocument["kind"],
  metadata: OpenSloDocument["metadata"],
  spec: Record<string, unknown>,
): OpenSloDocument => ({ apiVersion: OPENSLO_V1, kind, metadata, spec });

const source = (projectId: string, filter: string) => ({
  metricSource: { type: CLOUD_MONITORING_SOURCE, spec: { projectId, metricType: STARTUP_PROBE_METRIC, filter } },
});

function ruleDocuments(sloId: string, rule: AlertRule): OpenSloDocument[] {
  const condition = (window: AlertRule["long"], role: string) =>
    doc(
      "AlertCondition",
      { name: conditionName(sloId, rule.id, window) },
      {
        description: `${role} window of ${rule.id}: burn rate over ${window} above ${rule.threshold}×`,
        severity: rule.severity,
        // Stagewatch fires on the first per-minute evaluation that sees both windows over the
        // threshold; 1m is the shortest duration v1 can write ("0m" is not a duration-shorthand).
        condition: { kind: "burnrate", op: "gt", threshold: rule.threshold, lookbackWindow: window, alertAfter: "1m" },
      },
    );
  const long = condition(rule.long, "Long");
  const short = condition(rule.short, "Short");
  const policy = doc(
    "AlertPolicy",
    { name: policyName(sloId, rule.id), annotations: { [AND_CONDITION_ANNOTATION]: short.metadata.name } },
    {
      description: `Multi-window rule: fires while the burn rate is above ${rule.threshold}× over both ${rule.long} and ${rule.short}.`,
      alertWhenNoData: false,
      alertWhenResolved: true,
      alertWhenBreaching: true,
      conditions: [{ conditionRef: long.metadata.name }],
      notificationTargets: [{ targetRef: NOTIFICATION_TARGET }],
    },
  );
  return [policy, long, short];
}

export function openSloDocuments(plan: ExportPlan): OpenSloDocument[] {
  const perSlo = plan.services.flatMap((s) => {
    const def = s.definition;
    const ratio = s.slo.json.serviceLevelIndicator.requestBased.goodTotalRatio;
    const ruleDocs = rulesOf(def).flatMap((rule) => ruleDocuments(def.id, rule));
    return [
      doc("Service", { name: serviceName(def.id), displayName: s.service.displayName }, {}),
      doc(
        "SLI",
        { name: sliName(def.id) },
        {
          description: "Start-up probes that succeeded, of all start-up probes (Cloud Run completed_probe_count).",
          ratioMetric: {
            counter: true,
            good: source(plan.projectId, ratio.goodServiceFilter),
            total: source(plan.projectId, ratio.totalServiceFilter),
          },
        },
      ),
      doc(
        "SLO",
        // The alert set rides along as a label, for tools (and people) that do not read policies.
        { name: def.id, displayName: s.slo.json.displayName, labels: { "stagewatch-alerting": def.alerting } },
        {
          service: serviceName(def.id),
          indicatorRef: sliName(def.id),
          timeWindow: [{ duration: `${def.windowDays}d`, isRolling: true }],
          budgetingMethod: "Occurrences",
          objectives: [{ displayName: "Start-up success", target: def.objective }],
          alertPolicies: ruleDocs.filter((d) => d.kind === "AlertPolicy").map((d) => d.metadata.name),
        },
      ),
      ...ruleDocs,
    ];
  });
  const target = doc(
    "AlertNotificationTarget",
    { name: NOTIFICATION_TARGET },
    {
      target: "webhook",
      description: "Stagewatch delivers SLO alerts itself (x-stagewatch-event: slo.alert) to its configured webhooks.",
    },
  );
  return [...perSlo, target];
}

/** One YAML stream, one document per object, as `kubectl`-style tools and oslo read it. */
export function openSloYaml(docs: readonly OpenSloDocument[]): string {
  return docs.map((d) => stringify(d, { lineWidth: 0 })).join("---\n");
}
