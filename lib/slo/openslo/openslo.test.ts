import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { parseStagingConfig } from "@/lib/config/staging-config";
import { sloConfigSchema, sloDefinitions } from "@/lib/config/core/slo/config";
import { exportPlan } from "@/lib/slo/export/resources";
import { openSloDocuments, openSloYaml } from "./export";
import { importOpenSlo } from "./import";
import { openSloV1Errors } from "./validate";

const text = readFileSync(path.join(process.cwd(), "staging.config.json"), "utf8");
const base = JSON.parse(text) as Record<string, unknown>;
// Not the defaults, so that a round trip that ignored the file could not pass.
const config = parseStagingConfig(
  JSON.stringify({
    ...base,
    slo: {
      objective: 0.99,
      windowDays: 28,
      services: { backend: { objective: 0.9, windowDays: 7, alerting: "four-window" } },
    },
  }),
  "staging.config.json",
  {},
);
const deployed = config.services.filter((s) => s.deployed).map((s) => s.name);
const yaml = openSloYaml(openSloDocuments(exportPlan(config, "netra-staging")));
const parsed = parseAllDocuments(yaml).map((d) => d.toJS() as unknown);

describe("OpenSLO export", () => {
  it("every document validates against OpenSLO's published v1 JSON schemas", () => {
    expect(parsed.length).toBeGreaterThan(0);
    for (const doc of parsed) expect(openSloV1Errors(doc)).toEqual([]);
  });

  it("the schemas are not a formality: a broken export fails them", () => {
    const slo = parsed.find((d) => (d as { kind: string }).kind === "SLO") as { spec: Record<string, unknown> };
    const broken = { ...slo, spec: { ...slo.spec, budgetingMethod: "Sometimes", objectives: [{ target: 1 }] } };
    const errors = openSloV1Errors(broken);
    expect(errors.join("\n")).toContain(".spec.budgetingMethod");
    expect(errors.join("\n")).toContain(".spec.objectives[0].target");
  });

  it("writes the SLO, its SLI with Stagewatch's Monitoring filters and one policy per rule", () => {
    const byName = new Map(parsed.map((d) => [(d as { metadata: { name: string } }).metadata.name, d]));
    expect(byName.get("startup-backend")).toMatchObject({
      kind: "SLO",
      spec: {
        service: "stagewatch-startup-backend",
        indicatorRef: "startup-backend-success",
        timeWindow: [{ duration: "7d", isRolling: true }],
        budgetingMethod: "Occurrences",
        objectives: [{ target: 0.9 }],
        alertPolicies: [
          "startup-backend-fast-burn",
          "startup-backend-slow-burn",
          "startup-backend-day-burn",
          "startup-backend-budget-burn",
        ],
      },
    });
    // The four-window set scaled to 7 days as Pyrra does: 1d/2h becomes 6h/30m.
    expect(byName.get("startup-backend-day-burn-6h")).toMatchObject({
      spec: { severity: "ticket", condition: { threshold: 3, lookbackWindow: "6h" } },
    });
    expect(byName.get("startup-backend-day-burn")).toMatchObject({
      metadata: { annotations: { "stagewatch.dev/and-condition": "startup-backend-day-burn-30m" } },
    });
    const sli = byName.get("startup-backend-success") as {
      spec: { ratioMetric: { good: { metricSource: { type: string; spec: { filter: string } } } } };
    };
    expect(sli.spec.ratioMetric.good.metricSource.type).toBe("cloud-monitoring");
    expect(sli.spec.ratioMetric.good.metricSource.spec.filter).toContain('resource.labels.service_name = "backend"');
    expect(byName.get("startup-all-fast-burn")).toMatchObject({
      kind: "AlertPolicy",
      metadata: { annotations: { "stagewatch.dev/and-condition": "startup-all-fast-burn-5m" } },
      spec: { conditions: [{ conditionRef: "startup-all-fast-burn-1h" }] },
    });
    expect(byName.get("startup-all-fast-burn-5m")).toMatchObject({
      spec: { severity: "page", condition: { kind: "burnrate", op: "gt", threshold: 14.4, lookbackWindow: "5m" } },
    });
    expect(byName.get("startup-all-budget-burn-3d")).toMatchObject({
      spec: { severity: "ticket", condition: { threshold: 1, lookbackWindow: "3d" } },
    });
  });

  it("round trip: import gives back the same SLOs, with nothing to report", () => {
    const result = importOpenSlo(parsed, {
      deployed,
      base: sloConfigSchema.parse(undefined),
      projectId: "netra-staging",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.report).toEqual([]);
    expect(sloDefinitions(result.slo, deployed)).toEqual(sloDefinitions(config.slo, deployed));
    expect(result.slo.services).toEqual({ backend: { objective: 0.9, windowDays: 7, alerting: "four-window" } });
  });
});
