import { describe, expect, it } from "vitest";
import { alignInterval } from "./alignment";
import * as c from "./catalogue";

const end = Date.UTC(2025, 0, 1, 12);
const scope: c.QueryScope = {
  projectId: "netra-staging",
  connector: { name: "staging-connector", region: "us-central1" },
  database: { instanceId: "staging-shared-postgres" },
  interval: alignInterval(end - 6 * 3_600_000, end),
};
const CONNECTOR =
  'resource.type = "vpc_access_connector" AND resource.labels.connector_name = "staging-connector" AND resource.labels.location = "us-central1"';
const DB =
  'resource.type = "cloudsql_database" AND resource.labels.database_id = "netra-staging:staging-shared-postgres"';

describe("metric catalogue (DESIGN.md)", () => {
  it.each([
    [
      c.startupProbes(scope),
      "run.googleapis.com/container/completed_probe_count",
      'resource.type = "cloud_run_revision" AND metric.labels.probe_type = one_of("STARTUP", "Startup", "startup")',
      "ALIGN_DELTA",
      "REDUCE_SUM",
      ["resource.labels.service_name", "metric.labels.is_healthy"],
      "1",
    ],
    [
      c.startupLatency(scope, 50),
      "run.googleapis.com/container/startup_latencies",
      'resource.type = "cloud_run_revision"',
      "ALIGN_PERCENTILE_50",
      "REDUCE_MAX",
      ["resource.labels.service_name"],
      "ms",
    ],
    [
      c.startupLatency(scope, 99),
      "run.googleapis.com/container/startup_latencies",
      'resource.type = "cloud_run_revision"',
      "ALIGN_PERCENTILE_99",
      "REDUCE_MAX",
      ["resource.labels.service_name"],
      "ms",
    ],
    [
      c.instanceCount(scope),
      "run.googleapis.com/container/instance_count",
      'resource.type = "cloud_run_revision"',
      "ALIGN_MAX",
      "REDUCE_SUM",
      ["resource.labels.service_name", "metric.labels.state"],
      "1",
    ],
    [
      c.connectorBytes(scope, "sent"),
      "vpcaccess.googleapis.com/connector/sent_bytes_count",
      CONNECTOR,
      "ALIGN_RATE",
      "REDUCE_SUM",
      ["resource.labels.connector_name"],
      "By/s",
    ],
    [
      c.connectorBytes(scope, "received"),
      "vpcaccess.googleapis.com/connector/received_bytes_count",
      CONNECTOR,
      "ALIGN_RATE",
      "REDUCE_SUM",
      ["resource.labels.connector_name"],
      "By/s",
    ],
    [
      c.connectorInstances(scope),
      "vpcaccess.googleapis.com/connector/instances",
      CONNECTOR,
      "ALIGN_MAX",
      undefined,
      undefined,
      "1",
    ],
    [
      c.connectorCpu(scope),
      "vpcaccess.googleapis.com/connector/cpu/utilizations",
      CONNECTOR,
      "ALIGN_PERCENTILE_99",
      undefined,
      undefined,
      "ratio",
    ],
    [c.databaseUp(scope), "cloudsql.googleapis.com/database/up", DB, "ALIGN_MIN", undefined, undefined, "1"],
    [
      c.databaseBackends(scope),
      "cloudsql.googleapis.com/database/postgresql/num_backends",
      DB,
      "ALIGN_MAX",
      "REDUCE_SUM",
      ["resource.labels.database_id"],
      "1",
    ],
    [
      c.databaseUtilization(scope, "cpu"),
      "cloudsql.googleapis.com/database/cpu/utilization",
      DB,
      "ALIGN_MEAN",
      undefined,
      undefined,
      "ratio",
    ],
    [
      c.databaseUtilization(scope, "memory"),
      "cloudsql.googleapis.com/database/memory/utilization",
      DB,
      "ALIGN_MEAN",
      undefined,
      undefined,
      "ratio",
    ],
  ])("%#: %o", (q, type, filterRest, aligner, reducer, groupBy, unit) => {
    expect(q.filter).toBe(`metric.type = "${type}" AND ${filterRest}`);
    expect([q.metricType, q.aligner, q.reducer, q.groupBy, q.unit]).toEqual([type, aligner, reducer, groupBy, unit]);
  });

  it("never averages a distribution", () => {
    for (const q of [
      c.startupLatency(scope, 50),
      c.startupLatency(scope, 95),
      c.startupLatency(scope, 99),
      c.connectorCpu(scope),
    ]) {
      expect(q.aligner).toMatch(/^ALIGN_PERCENTILE_/);
      expect(q.percentile).toBe(Number(q.aligner.slice(-2)));
    }
  });

  it("builds the ListTimeSeries request from the aligned interval", () => {
    expect(c.toListTimeSeriesRequest("netra-staging", c.databaseUp(scope))).toEqual({
      name: "projects/netra-staging",
      filter: c.databaseUp(scope).filter,
      interval: {
        startTime: { seconds: (end - 6 * 3_600_000) / 1000, nanos: 0 },
        endTime: { seconds: end / 1000, nanos: 0 },
      },
      aggregation: { alignmentPeriod: { seconds: 120 }, perSeriesAligner: "ALIGN_MIN" },
      view: "FULL",
    });
  });

  it("keys a query by interval, and its family without", () => {
    const later = { ...scope, interval: alignInterval(end + 120_000 - 6 * 3_600_000, end + 120_000) };
    const [a, b] = [c.startupProbes(scope), c.startupProbes(later)];
    expect(c.queryKey("p", a)).not.toBe(c.queryKey("p", b));
    expect(c.queryFamilyKey("p", a)).toBe(c.queryFamilyKey("p", b));
    expect(c.queryKey("p", a)).toBe(c.queryKey("p", c.startupProbes(scope)));
    expect(c.queryFamilyKey("p", a)).not.toBe(c.queryFamilyKey("p", c.startupLatency(scope, 50)));
  });

  it("writes the keys as they have always been written (cache keys, and answers carry them)", () => {
    const p95 = c.startupLatency(scope, 95);
    const service = ["resource.labels.service_name"];
    expect(c.queryKey("p", p95)).toBe(
      JSON.stringify(["p", p95.filter, "ALIGN_PERCENTILE_95", "REDUCE_MAX", service, 95, p95.interval]),
    );
    expect(c.queryFamilyKey("p", p95)).toBe(
      JSON.stringify(["p", p95.filter, "ALIGN_PERCENTILE_95", "REDUCE_MAX", service, 95, 6 * 3_600_000, 120]),
    );
    // Without a reducer, grouping or percentile: null, [] and null hold their places.
    const up = c.databaseUp(scope);
    expect(c.queryKey("p", up)).toBe(JSON.stringify(["p", up.filter, "ALIGN_MIN", null, [], null, up.interval]));
    expect(c.queryFamilyKey("p", up)).toBe(
      JSON.stringify(["p", up.filter, "ALIGN_MIN", null, [], null, 6 * 3_600_000, 120]),
    );
  });

  it("escapes quotes in filter values", () => {
    const odd = c.databaseUp({ ...scope, database: { instanceId: 'x"y' } });
    expect(odd.filter).toContain('database_id = "netra-staging:x\\"y"');
  });
});
