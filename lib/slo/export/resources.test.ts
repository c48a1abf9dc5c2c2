import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseStagingConfig } from "@/lib/config/staging-config";
import { exportPlan } from "./resources";
import { roundTrip } from "./round-trip";

const config = parseStagingConfig(
  readFileSync(path.join(process.cwd(), "staging.config.json"), "utf8"),
  "staging.config.json",
  {},
);
const plan = exportPlan(config, "netra-staging");

describe("export to Cloud Monitoring: the plan", () => {
  it("one Service and request-based SLO per SLO, three burn-rate policies each", () => {
    expect(plan.services.map((s) => s.name)).toEqual([
      "projects/netra-staging/services/stagewatch-startup-all",
      "projects/netra-staging/services/stagewatch-startup-backend",
      "projects/netra-staging/services/stagewatch-startup-auth",
    ]);
    expect(plan.alertPolicies).toHaveLength(9);
    const backend = plan.services[1];
    expect(backend?.slo.json).toMatchObject({ goal: 0.95, rollingPeriod: "2419200s" });
    const ratio = backend?.slo.json.serviceLevelIndicator.requestBased.goodTotalRatio;
    expect(ratio?.goodServiceFilter).toBe(
      'metric.type = "run.googleapis.com/container/completed_probe_count" AND resource.type = "cloud_run_revision" AND metric.labels.probe_type = one_of("STARTUP", "Startup", "startup") AND resource.labels.service_name = "backend" AND metric.labels.is_healthy = "true"',
    );
    expect(ratio?.totalServiceFilter).not.toContain("is_healthy");
    expect(plan.services[0]?.slo.json.serviceLevelIndicator.requestBased.goodTotalRatio.totalServiceFilter).toContain(
      'resource.labels.service_name = one_of("backend", "auth")',
    );
  });

  it("policies pair the SRE workbook windows with select_slo_burn_rate", () => {
    const fast = plan.alertPolicies.find((p) => p.key === "startup-all/fast-burn");
    expect(fast?.json.combiner).toBe("AND");
    expect(fast?.json.severity).toBe("CRITICAL");
    expect(
      fast?.json.conditions.map((c) => [c.conditionThreshold.filter, c.conditionThreshold.thresholdValue]),
    ).toEqual([
      [
        'select_slo_burn_rate("projects/netra-staging/services/stagewatch-startup-all/serviceLevelObjectives/startup-success", "60m")',
        14.4,
      ],
      [
        'select_slo_burn_rate("projects/netra-staging/services/stagewatch-startup-all/serviceLevelObjectives/startup-success", "5m")',
        14.4,
      ],
    ]);
    const ticket = plan.alertPolicies.find((p) => p.key === "startup-auth/budget-burn");
    expect(ticket?.json.severity).toBe("WARNING");
    expect(ticket?.json.conditions.map((c) => /"(\d+m)"\)$/.exec(c.conditionThreshold.filter)?.[1])).toEqual([
      "4320m",
      "360m",
    ]);
  });

  it("is the same for the same config (so creating is idempotent)", () => {
    expect(exportPlan(config, "netra-staging")).toEqual(plan);
  });
});

describe("round trip through @google-cloud/monitoring's message types", () => {
  const all = [
    ...plan.services.map((s) => ["Service", s.service] as const),
    ...plan.services.map((s) => ["ServiceLevelObjective", s.slo.json] as const),
    ...plan.alertPolicies.map((p) => ["AlertPolicy", p.json] as const),
  ];
  it.each(all)("%s comes back unchanged", (name, json) => {
    expect(roundTrip(name, json).json).toEqual(json);
  });

  it("the client form carries the same fields", () => {
    const m = roundTrip("ServiceLevelObjective", plan.services[0]?.slo.json).message;
    expect(m).toMatchObject({ goal: 0.95, rollingPeriod: { seconds: "2419200" } });
    expect(roundTrip("AlertPolicy", plan.alertPolicies[0]?.json).message).toMatchObject({
      combiner: "AND",
      severity: "CRITICAL",
    });
  });

  it.each([
    ["AlertPolicy", { displayName: "x", combiner: "BOTH" }],
    ["AlertPolicy", { displayName: "x", severity: "PAGE" }],
    ["ServiceLevelObjective", { goal: 0.95, rollingPeriod: "28 days" }],
    ["Service", { displayName: "x", nosuchField: 1 }],
  ] as const)("%s %j is refused", (name, json) => {
    expect(() => {
      const r = roundTrip(name, json);
      expect(r.json).toEqual(json);
    }).toThrow();
  });
});
