import { beforeEach, describe, expect, it } from "vitest";
import { grpc } from "google-gax";
import { alignInterval } from "./alignment";
import { QueryCache } from "./cache";
import { connectorCpu, startupLatency, startupProbes, type QueryScope } from "./catalogue";
import { createGcpClients, type GcpClients } from "./clients";
import { upstreamCalls } from "./counter";
import { readTimeSeries } from "./monitoring";
import { retryInfoMetadata, withFakeGoogle, type FakeGoogle } from "./testing";
import { upstreamToApiError, UpstreamError } from "./upstream-error";

let fake: FakeGoogle;
let clients: GcpClients;
const end = Date.UTC(2025, 0, 1, 12, 0, 30);
const scope: QueryScope = {
  projectId: "netra-staging",
  connector: { name: "staging-connector", region: "us-central1" },
  database: { instanceId: "staging-shared-postgres" },
  interval: alignInterval(end - 3_600_000, end),
};
const budget = () => ({ deadlineAt: Date.now() + 5_000 });
const T0 = Date.UTC(2025, 0, 1, 11, 59) / 1000;
const ts = (seconds: number) => ({
  endTime: { seconds: String(seconds) },
  startTime: { seconds: String(seconds - 60) },
});

withFakeGoogle((f, c) => {
  fake = f;
  clients = c;
});
beforeEach(() => {
  fake.timeSeriesRequests.length = 0;
});

describe("client factory", () => {
  it("marks emulator clients as such", () => expect(clients.source).toBe("emulator"));
  it("uses ADC (source gcp) without emulator variables", async () => {
    const real = createGcpClients({ projectId: "netra-staging" });
    expect(real.source).toBe("gcp");
    await Promise.all([real.monitoring.close(), real.logging.close()]);
  });
});

describe("readTimeSeries request", () => {
  it("sends the start-up probe query with its filter and aggregation, and parses the counts", async () => {
    fake.onListTimeSeries(() => ({
      response: {
        timeSeries: [
          {
            metric: { type: "run.googleapis.com/container/completed_probe_count", labels: { is_healthy: "false" } },
            resource: { type: "cloud_run_revision", labels: { service_name: "backend" } },
            metricKind: "DELTA",
            valueType: "INT64",
            // Newest first, as Cloud Monitoring answers.
            points: [
              { interval: ts(T0), value: { int64Value: "7" } },
              { interval: ts(T0 - 60), value: { int64Value: "3" } },
            ],
          },
        ],
      },
    }));
    const series = await readTimeSeries(clients.monitoring, "netra-staging", startupProbes(scope), budget());

    const [request] = fake.timeSeriesRequests;
    expect(request).toMatchObject({
      name: "projects/netra-staging",
      filter:
        'metric.type = "run.googleapis.com/container/completed_probe_count" AND resource.type = "cloud_run_revision" AND metric.labels.probe_type = one_of("STARTUP", "Startup", "startup")',
      interval: {
        startTime: { seconds: String(Date.UTC(2025, 0, 1, 11) / 1000) },
        endTime: { seconds: String(Date.UTC(2025, 0, 1, 12) / 1000) },
      },
      aggregation: {
        alignmentPeriod: { seconds: "60" },
        perSeriesAligner: "ALIGN_DELTA",
        crossSeriesReducer: "REDUCE_SUM",
        groupByFields: ["resource.labels.service_name", "metric.labels.is_healthy"],
      },
      view: "FULL",
    });
    expect(series).toEqual([
      {
        labels: { service_name: "backend", is_healthy: "false" },
        points: [
          { t: (T0 - 60) * 1000, v: 3 },
          { t: T0 * 1000, v: 7 },
        ],
        unit: "1",
        precisionLoss: false,
      },
    ]);
  });

  it("asks for percentiles with ALIGN_PERCENTILE, never ALIGN_MEAN", async () => {
    fake.onListTimeSeries(() => ({ response: { timeSeries: [] } }));
    await readTimeSeries(clients.monitoring, "netra-staging", startupLatency(scope, 95), budget());
    await readTimeSeries(clients.monitoring, "netra-staging", connectorCpu(scope), budget());
    expect(
      fake.timeSeriesRequests.map((r) => (r.aggregation as { perSeriesAligner: string }).perSeriesAligner),
    ).toEqual(["ALIGN_PERCENTILE_95", "ALIGN_PERCENTILE_99"]);
    expect(fake.timeSeriesRequests[1]?.filter).toBe(
      'metric.type = "vpcaccess.googleapis.com/connector/cpu/utilizations" AND resource.type = "vpc_access_connector" AND resource.labels.connector_name = "staging-connector" AND resource.labels.location = "us-central1"',
    );
  });
});

describe("readTimeSeries answers", () => {
  it("follows page tokens over 3 pages and counts each call", async () => {
    fake.onListTimeSeries((req) => {
      const page = req.pageToken === "" ? 1 : Number(String(req.pageToken).slice(1));
      return {
        response: {
          timeSeries: [
            {
              resource: { labels: { service_name: `svc-${page}` } },
              points: [{ interval: ts(T0), value: { int64Value: String(page) } }],
            },
          ],
          nextPageToken: page < 3 ? `p${page + 1}` : "",
        },
      };
    });
    const before = upstreamCalls().listTimeSeries;
    const series = await readTimeSeries(clients.monitoring, "netra-staging", startupProbes(scope), budget());
    expect(fake.timeSeriesRequests.map((r) => r.pageToken)).toEqual(["", "p2", "p3"]);
    expect(series.map((s) => [s.labels.service_name, s.points[0]?.v])).toEqual([
      ["svc-1", 1],
      ["svc-2", 2],
      ["svc-3", 3],
    ]);
    expect(upstreamCalls().listTimeSeries - before).toBe(3);
  });

  it("returns no series for an empty answer, and no points for an empty series", async () => {
    fake.onListTimeSeries(() => ({ response: { timeSeries: [] } }));
    expect(await readTimeSeries(clients.monitoring, "netra-staging", startupProbes(scope), budget())).toEqual([]);
    fake.onListTimeSeries(() => ({
      response: { timeSeries: [{ resource: { labels: { service_name: "auth" } }, points: [] }] },
    }));
    expect(await readTimeSeries(clients.monitoring, "netra-staging", startupProbes(scope), budget())).toEqual([
      { labels: { service_name: "auth" }, points: [], unit: "1", precisionLoss: false },
    ]);
  });

  it("keeps int64 values above 2^53 exact beside their approximation", async () => {
    fake.onListTimeSeries(() => ({
      response: {
        timeSeries: [
          {
            resource: { labels: { service_name: "backend" } },
            points: [
              { interval: ts(T0), value: { int64Value: "9007199254740993" } },
              { interval: ts(T0 - 60), value: { int64Value: "9007199254740991" } },
            ],
          },
        ],
      },
    }));
    const [s] = await readTimeSeries(clients.monitoring, "netra-staging", startupProbes(scope), budget());
    expect(s?.precisionLoss).toBe(true);
    expect(s?.points).toEqual([
      { t: (T0 - 60) * 1000, v: 9007199254740991 },
      { t: T0 * 1000, v: 9007199254740992, exact: "9007199254740993" },
    ]);
  });

  it.each([
    ["explicit", { explicitBuckets: { bounds: [1000, 2000, 4000, 8000] } }, ["0", "0", "0", "20"], 7800],
    [
      "exponential",
      { exponentialBuckets: { numFiniteBuckets: 10, growthFactor: 2, scale: 250 } },
      ["0", "0", "0", "0", "20"],
      3900,
    ],
    ["linear", { linearBuckets: { numFiniteBuckets: 10, width: 1000, offset: 0 } }, ["0", "0", "0", "10", "10"], 3900],
    // p95 of 20 samples = rank 19: 95% of the way through the bucket holding the top samples.
  ])("turns a distribution with %s buckets into the requested p95", async (_name, bucketOptions, bucketCounts, p95) => {
    fake.onListTimeSeries(() => ({
      response: {
        timeSeries: [
          {
            resource: { labels: { service_name: "backend" } },
            valueType: "DISTRIBUTION",
            points: [{ interval: ts(T0), value: { distributionValue: { count: "20", bucketOptions, bucketCounts } } }],
          },
        ],
      },
    }));
    const [s] = await readTimeSeries(clients.monitoring, "netra-staging", startupLatency(scope, 95), budget());
    expect(s?.unit).toBe("ms");
    expect(s?.points[0]?.v).toBeCloseTo(p95, 6);
  });

  it("reads doubles as they are", async () => {
    fake.onListTimeSeries(() => ({
      response: {
        timeSeries: [{ resource: { labels: {} }, points: [{ interval: ts(T0), value: { doubleValue: 4123.5 } }] }],
      },
    }));
    const [s] = await readTimeSeries(clients.monitoring, "netra-staging", startupLatency(scope, 50), budget());
    expect(s?.points).toEqual([{ t: T0 * 1000, v: 4123.5 }]);
  });
});

describe("readTimeSeries errors", () => {
  it.each([
    [grpc.status.PERMISSION_DENIED, "PERMISSION_DENIED", 502, "upstream_permission_denied"],
    [grpc.status.UNAUTHENTICATED, "UNAUTHENTICATED", 502, "upstream_unauthenticated"],
    [grpc.status.RESOURCE_EXHAUSTED, "RESOURCE_EXHAUSTED", 503, "upstream_quota_exhausted"],
    [grpc.status.UNAVAILABLE, "UNAVAILABLE", 503, "upstream_unavailable"],
    [grpc.status.DEADLINE_EXCEEDED, "DEADLINE_EXCEEDED", 504, "upstream_timeout"],
    [grpc.status.INVALID_ARGUMENT, "INVALID_ARGUMENT", 502, "upstream_error"],
    [grpc.status.NOT_FOUND, "NOT_FOUND", 502, "upstream_error"],
    [grpc.status.INTERNAL, "INTERNAL", 502, "upstream_error"],
  ])("gRPC %i → %s → HTTP %i", async (code, name, status, apiCode) => {
    fake.onListTimeSeries(() => ({ error: { code, details: `the fake says ${name}` } }));
    const err = await readTimeSeries(clients.monitoring, "netra-staging", startupProbes(scope), budget()).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err).toMatchObject({ api: "monitoring", code: name, message: `the fake says ${name}` });
    const api = upstreamToApiError(err as UpstreamError, "netra-staging");
    expect([api.status, api.code]).toEqual([status, apiCode]);
    expect(fake.timeSeriesRequests).toHaveLength(1); // google-gax's own retries are off
  });

  it("names the missing role on PERMISSION_DENIED", async () => {
    fake.onListTimeSeries(() => ({
      error: { code: grpc.status.PERMISSION_DENIED, details: "Permission monitoring.timeSeries.list denied" },
    }));
    const err = (await readTimeSeries(clients.monitoring, "netra-staging", startupProbes(scope), budget()).catch(
      (e: unknown) => e,
    )) as UpstreamError;
    const api = upstreamToApiError(err, "netra-staging");
    expect(api.message).toContain("roles/monitoring.viewer on project netra-staging");
    expect(api.extra).toMatchObject({ role: "roles/monitoring.viewer", project: "netra-staging" });
  });

  it("takes Retry-After from Google's RetryInfo on RESOURCE_EXHAUSTED, else waits out the minute", async () => {
    fake.onListTimeSeries(() => ({
      error: { code: grpc.status.RESOURCE_EXHAUSTED, details: "Quota exceeded", metadata: retryInfoMetadata(17) },
    }));
    const withInfo = (await readTimeSeries(clients.monitoring, "netra-staging", startupProbes(scope), budget()).catch(
      (e: unknown) => e,
    )) as UpstreamError;
    expect(withInfo.retryAfterSeconds).toBe(17);
    expect(upstreamToApiError(withInfo, "netra-staging").headers).toEqual({ "Retry-After": "17" });

    fake.onListTimeSeries(() => ({ error: { code: grpc.status.RESOURCE_EXHAUSTED, details: "Quota exceeded" } }));
    const without = (await readTimeSeries(clients.monitoring, "netra-staging", startupProbes(scope), budget()).catch(
      (e: unknown) => e,
    )) as UpstreamError;
    expect(upstreamToApiError(without, "netra-staging").headers).toEqual({ "Retry-After": "60" });
  });

  it("gives up on an upstream slower than the deadline", async () => {
    fake.onListTimeSeries(() => ({ response: { timeSeries: [] }, delayMs: 1_000 }));
    const started = Date.now();
    const err = await readTimeSeries(clients.monitoring, "netra-staging", startupProbes(scope), {
      deadlineAt: Date.now() + 150,
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "DEADLINE_EXCEEDED" });
    expect(Date.now() - started).toBeLessThan(900);
  });

  it("retries a slow upstream through the cache only while the query's deadline lasts", async () => {
    fake.onListTimeSeries(() => ({ response: { timeSeries: [] }, delayMs: 1_000 }));
    const cache = new QueryCache({ deadlineMs: 400, baseDelayMs: 10, random: () => 0 });
    const started = Date.now();
    const err = await cache
      .get({ key: "slow", ttlMs: 60_000, api: "monitoring" }, (b) =>
        readTimeSeries(clients.monitoring, "netra-staging", startupProbes(scope), b),
      )
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "DEADLINE_EXCEEDED" });
    expect(Date.now() - started).toBeLessThan(900);
    expect(fake.timeSeriesRequests.length).toBeGreaterThanOrEqual(1);
  });

  it("recovers on retry from UNAVAILABLE", async () => {
    fake.onListTimeSeries((_req, i) =>
      i === 0
        ? { error: { code: grpc.status.UNAVAILABLE, details: "try again" } }
        : { response: { timeSeries: [{ resource: { labels: {} }, points: [] }] } },
    );
    const cache = new QueryCache({ baseDelayMs: 5 });
    const r = await cache.get({ key: "flaky", ttlMs: 60_000, api: "monitoring" }, (b) =>
      readTimeSeries(clients.monitoring, "netra-staging", startupProbes(scope), b),
    );
    expect(r.value).toHaveLength(1);
    expect(fake.timeSeriesRequests).toHaveLength(2);
  });
});
