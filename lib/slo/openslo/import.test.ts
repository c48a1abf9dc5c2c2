import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { startupProbeFilter } from "@/lib/gcp/catalogue";
import { sloConfigSchema } from "@/lib/config/core/slo/config";
import { importOpenSlo } from "./import";

const deployed = ["backend", "auth"];
const base = sloConfigSchema.parse({ resolveAfterMinutes: 7 });
const docs = (yaml: string) => parseAllDocuments(yaml).map((d) => d.toJS() as unknown);
const run = (yaml: string) => importOpenSlo(docs(yaml), { deployed, base });

const backend = { "resource.labels.service_name": "backend" };
const goodFilter = startupProbeFilter({ ...backend, "metric.labels.is_healthy": "true" });
const totalFilter = startupProbeFilter(backend);

/** A v1 SLO over Stagewatch's own backend filters, with parts replaceable per test. */
function v1Slo(spec: Record<string, string> = {}) {
  return `
apiVersion: openslo/v1
kind: SLO
metadata: { name: backend-startups }
spec:
  service: backend
  indicator:
    metadata: { name: backend-sli }
    spec:
      ratioMetric:
        counter: true
        good: { metricSource: { type: ${spec.type ?? "cloud-monitoring"}, spec: { filter: '${goodFilter}' } } }
        total: { metricSource: { type: ${spec.type ?? "cloud-monitoring"}, spec: { filter: '${totalFilter}' } } }
  timeWindow: [${spec.window ?? "{ duration: 2w, isRolling: true }"}]
  budgetingMethod: ${spec.budgeting ?? "Occurrences"}
  objectives: ${spec.objectives ?? "[{ target: 0.97 }]"}
`;
}

describe("import:openslo", () => {
  it("Sloth's own v1alpha example is valid, imports nothing and says why", () => {
    const file = readFileSync(path.join(__dirname, "fixtures/sloth-openslo-getting-started.yml"), "utf8");
    const result = run(file);
    expect(result).toEqual({
      ok: true,
      slo: base,
      imported: [],
      report: [
        "SLO sloth-slo-my-service: skipped: its metric source prometheus (promql) cannot be read: Stagewatch reads Cloud Monitoring (source cloud-monitoring, queryType filter)",
      ],
    });
  });

  it("a v1alpha SLO over Stagewatch's filter is carried, its unreadable parts reported", () => {
    const result = run(`
apiVersion: openslo/v1alpha
kind: SLO
metadata: { name: backend }
spec:
  service: backend
  budgetingMethod: Occurrences
  objectives:
    - ratioMetrics:
        good: { source: cloud-monitoring, queryType: filter, query: '${goodFilter}' }
        total: { source: cloud-monitoring, queryType: filter, query: '${totalFilter}' }
      target: 0.98
    - displayName: stricter
      ratioMetrics:
        good: { source: cloud-monitoring, queryType: filter, query: '${goodFilter}' }
        total: { source: cloud-monitoring, queryType: filter, query: '${totalFilter}' }
      target: 0.999
  timeWindows: [{ count: 4, unit: Week, isRolling: true }]
`);
    expect(result.ok && result.slo.services).toEqual({ backend: { objective: 0.98 } });
    expect(result.ok && result.slo.resolveAfterMinutes).toBe(7);
    expect(result.ok && result.report).toEqual([
      "SLO backend: objective 2 (stricter) not carried: one objective per SLO",
      "SLO backend: has no alert policies: Stagewatch will alert on it with the SRE workbook's three rules",
      "no SLO covers all services: the overall objective and window stay as configured",
    ]);
  });

  it("reports every reason an SLO cannot be carried: calendar window, Timeslices, another source", () => {
    const result = run(
      v1Slo({
        type: "prometheus",
        window: '{ duration: 1M, calendar: { startTime: "2026-01-01 00:00:00", timeZone: Europe/Berlin } }',
        budgeting: "Timeslices",
        objectives: "[{ target: 0.97, timeSliceTarget: 0.9, timeSliceWindow: 5m }]",
      }),
    );
    expect(result.ok && result.imported).toEqual([]);
    expect(result.ok && result.report).toEqual([
      "SLO backend-startups: skipped: its metric source type prometheus cannot be read: Stagewatch reads Cloud Monitoring (type cloud-monitoring)",
      "SLO backend-startups: skipped: its calendar window (1M) cannot be carried: Stagewatch windows roll",
      "SLO backend-startups: skipped: Timeslices budgeting cannot be carried: Stagewatch counts occurrences (good ÷ total events)",
    ]);
  });

  it("a filter that is not Stagewatch's is reported, not guessed at", () => {
    const result = run(v1Slo().replace('"backend"', '"payments"'));
    expect(result.ok && result.report[0]).toMatch(
      /^SLO backend-startups: skipped: its filters are not the start-up probe filters/,
    );
  });

  it("Stagewatch's own limits apply after the schema: a window beyond 30 days is skipped with its reason", () => {
    const result = run(v1Slo({ window: "{ duration: 90d, isRolling: true }" }));
    expect(result.ok && result.imported).toEqual([]);
    expect(result.ok && result.report.join("\n")).toContain("windowDays 90 must be at most 30 days");
  });

  it("invalid input is refused whole, naming the document and the field", () => {
    const result = run(`${v1Slo({ objectives: "[{ target: 1.5 }]" })}---\napiVersion: openslo/v2\nkind: SLO\n`);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      "document 1 (SLO backend-startups): .spec.objectives[0].target should be < 1",
      "document 2 (SLO ?): apiVersion must be openslo/v1 or openslo/v1alpha, not openslo/v2",
    ]);
    const alpha = run("apiVersion: openslo/v1alpha\nkind: SLO\nmetadata: { name: Not A Label }\nspec: {}\n");
    expect(!alpha.ok && alpha.errors[0]).toMatch(
      /^document 1 \(SLO Not A Label\): \.metadata\.name must be lower-case/,
    );
    expect(run("").ok).toBe(false);
  });
});
