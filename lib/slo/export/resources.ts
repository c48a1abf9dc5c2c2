import type { StagingConfig } from "@/lib/config/core/staging-schema";
import { startupProbeFilter } from "@/lib/gcp/catalogue";
import { alertRulesFor } from "@/lib/config/core/slo/alert-sets";
import type { AlertRule } from "@/lib/config/core/slo/alerts";
import { sloDefinitions, type SloDefinition } from "@/lib/config/core/slo/config";
import { DAY_MS, windowMsOf } from "@/lib/core/slo-windows";
import type { AlertPolicyJson, ConditionJson, ServiceJson, SloJson } from "./shapes";

/**
 * The SLOs as Cloud Monitoring resources, in the API's own JSON (proto3 JSON: durations as
 * "3600s", enums by name): one custom Service per SLO, a request-based ServiceLevelObjective
 * whose good and total filters are the start-up probe counts Stagewatch reads, and one
 * AlertPolicy per burn-rate rule with a select_slo_burn_rate condition per window (AND).
 * Pure: the same config always gives the same JSON, so "create" can be idempotent.
 */

export const MANAGED_BY = { managed_by: "stagewatch" } as const;
export const SLO_ID = "startup-success";

export type ExportPlan = {
  projectId: string;
  services: {
    serviceId: string;
    name: string;
    service: ServiceJson;
    slo: { sloId: string; name: string; json: SloJson };
    definition: SloDefinition;
  }[];
  alertPolicies: { key: string; sloName: string; rule: AlertRule; json: AlertPolicyJson }[];
};

const seconds = (ms: number) => `${Math.round(ms / 1_000)}s`;
const lookback = (ms: number) => `${Math.round(ms / 60_000)}m`;
const quote = (v: string) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

function filters(def: SloDefinition, deployed: readonly string[]) {
  const scope = { "resource.labels.service_name": def.service === "all" ? deployed : def.service };
  return {
    goodServiceFilter: startupProbeFilter({ ...scope, "metric.labels.is_healthy": "true" }),
    totalServiceFilter: startupProbeFilter(scope),
  };
}

/** Each SLO's own alert set (`alerting`), scaled to its window for four-window. */
export const rulesOf = (def: SloDefinition) => alertRulesFor(def.alerting, def.windowDays);

export function exportPlan(config: StagingConfig, projectId: string): ExportPlan {
  const deployed = config.services.filter((s) => s.deployed).map((s) => s.name);
  const defs = sloDefinitions(config.slo, deployed);
  const services = defs.map((def) => {
    const serviceId = `stagewatch-${def.id}`;
    const name = `projects/${projectId}/services/${serviceId}`;
    const who = def.service === "all" ? "all services" : def.service;
    return {
      serviceId,
      name,
      definition: def,
      service: {
        displayName: `Start-ups: ${who} (Stagewatch)`,
        custom: {},
        userLabels: { ...MANAGED_BY, stagewatch_slo: def.id },
      },
      slo: {
        sloId: SLO_ID,
        name: `${name}/serviceLevelObjectives/${SLO_ID}`,
        json: {
          displayName: `Start-up success ≥ ${+(def.objective * 100).toFixed(3)}% over ${def.windowDays} days (${who})`,
          goal: def.objective,
          rollingPeriod: seconds(def.windowDays * DAY_MS),
          serviceLevelIndicator: { requestBased: { goodTotalRatio: filters(def, deployed) } },
          userLabels: { ...MANAGED_BY, stagewatch_slo: def.id },
        },
      },
    };
  });
  const alertPolicies = services.flatMap((s) =>
    rulesOf(s.definition).map((rule) => {
      const condition = (window: AlertRule["long"]): ConditionJson => ({
        displayName: `Burn rate over ${window} above ${rule.threshold}`,
        conditionThreshold: {
          filter: `select_slo_burn_rate(${quote(s.slo.name)}, ${quote(lookback(windowMsOf(window) ?? 0))})`,
          comparison: "COMPARISON_GT",
          thresholdValue: rule.threshold,
          duration: "0s",
          trigger: { count: 1 },
        },
      });
      return {
        key: `${s.definition.id}/${rule.id}`,
        sloName: s.slo.name,
        rule,
        json: {
          displayName: `Stagewatch ${s.definition.id}: ${rule.id} (${rule.severity})`,
          combiner: "AND" as const,
          conditions: [condition(rule.long), condition(rule.short)],
          documentation: {
            content: `Start-ups are failing ${rule.threshold}× faster than the SLO allows over both the last ${rule.long} and the last ${rule.short} (Google SRE workbook multi-window rule). Open Stagewatch's SLO view for the budget and the failing causes.`,
            mimeType: "text/markdown" as const,
          },
          userLabels: { ...MANAGED_BY, stagewatch_slo: s.definition.id, stagewatch_rule: rule.id },
          severity: rule.severity === "page" ? ("CRITICAL" as const) : ("WARNING" as const),
        },
      };
    }),
  );
  return { projectId, services, alertPolicies };
}
