import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MetricServiceClient, protos } from "@google-cloud/monitoring";
import { startEmulator, type RunningEmulator } from "./emulator";
import { configWorld, FIXED_NOW, monitoringClient, rpcError } from "./testing";

/**
 * Contract tests: the real @google-cloud/monitoring client, over real gRPC, against the
 * emulator in the flaky scenario (every kind of series has data), with a fixed clock.
 */

type ITimeSeries = protos.google.monitoring.v3.ITimeSeries;
type IListTimeSeriesRequest = protos.google.monitoring.v3.IListTimeSeriesRequest;
type IAggregation = protos.google.monitoring.v3.IAggregation;
type Aligner = NonNullable<IAggregation["perSeriesAligner"]>;
type Reducer = NonNullable<IAggregation["crossSeriesReducer"]>;

const PROBES = 'metric.type = "run.googleapis.com/container/completed_probe_count"';
const LATENCIES = 'metric.type = "run.googleapis.com/container/startup_latencies"';
const INSTANCES = 'metric.type = "run.googleapis.com/container/instance_count"';
const nowSeconds = Math.floor(FIXED_NOW / 1000);
const interval = (minutes: number, endSeconds = nowSeconds) => ({
  startTime: { seconds: endSeconds - minutes * 60 },
  endTime: { seconds: endSeconds },
});

let emulator: RunningEmulator;
let client: MetricServiceClient;
let name: string;

beforeAll(async () => {
  emulator = await startEmulator({ world: configWorld(), scenario: "flaky", now: () => FIXED_NOW });
  client = monitoringClient(emulator.ports.grpc);
  name = `projects/${emulator.state.world.projectId}`;
});

afterAll(async () => {
  await client.close();
  await emulator.close();
});

async function list(request: Omit<IListTimeSeriesRequest, "name">): Promise<ITimeSeries[]> {
  const [series] = await client.listTimeSeries({ name, view: "FULL", ...request });
  return series;
}

const num = (v: unknown) => Number(v);
const key = (s: ITimeSeries) =>
  `${s.resource?.labels?.service_name}/${s.metric?.labels?.probe_type}/${s.metric?.labels?.is_healthy}`;
const sumPoints = (series: ITimeSeries[]) =>
  series
    .flatMap((s) => s.points ?? [])
    .reduce((n: number, p) => n + num(p.value?.int64Value ?? p.value?.doubleValue ?? 0), 0);

describe("ListTimeSeries: filters", () => {
  const all = [
    "auth/LIVENESS/true",
    "auth/STARTUP/false",
    "auth/STARTUP/true",
    "backend/LIVENESS/true",
    "backend/STARTUP/false",
    "backend/STARTUP/true",
  ];
  it.each([
    ["", all],
    ['AND resource.labels.service_name = "backend"', all.filter((k) => k.startsWith("backend/"))],
    ['AND resource.labels.service_name != "backend"', all.filter((k) => k.startsWith("auth/"))],
    [
      'AND metric.labels.probe_type = "STARTUP" AND metric.labels.is_healthy = false',
      ["auth/STARTUP/false", "backend/STARTUP/false"],
    ],
    ['AND metric.label.is_healthy = "true"', all.filter((k) => k.endsWith("/true"))],
    [
      'AND (resource.labels.service_name = "auth" OR metric.labels.probe_type = "LIVENESS")',
      [...all.filter((k) => k.startsWith("auth/")), "backend/LIVENESS/true"],
    ],
    ['AND resource.labels.service_name = starts_with("back")', all.filter((k) => k.startsWith("backend/"))],
    ['AND metric.labels.probe_type = one_of("STARTUP", "READINESS")', all.filter((k) => k.includes("STARTUP"))],
    ['AND resource.labels.revision_name = has_substring("auth-0")', all.filter((k) => k.startsWith("auth/"))],
    ['AND metric.labels.container_name = ends_with("end-1")', all.filter((k) => k.startsWith("backend/"))],
    ['AND NOT metric.labels.probe_type = "LIVENESS"', all.filter((k) => k.includes("STARTUP"))],
    ['AND resource.type = "cloud_run_revision"', all],
    ['AND resource.type = "gce_instance"', []],
    // Google reports the probe type in upper case; the wrong casing matches nothing.
    ['AND metric.labels.probe_type = "Startup"', []],
  ])("%s", async (extra, expected) => {
    const series = await list({ filter: `${PROBES} ${extra}`, interval: interval(60) });
    expect(series.map(key).sort()).toEqual([...expected].sort());
  });

  it.each([
    ['resource.type = "cloud_run_revision"', "exactly one metric type"],
    [`${PROBES} OR ${INSTANCES}`, "exactly one metric type"],
    ['metric.type = starts_with("run.googleapis.com/")', "exactly one metric type"],
    [`${PROBES} AND`, "expected a comparison"],
    [`${PROBES} AND resource.labels.service_name = "backend`, "unterminated string"],
    [`${PROBES} AND foo.bar = "x"`, "unsupported selector"],
    [`${PROBES} AND resource.labels.service_name = regex("b.*")`, 'unknown function "regex"'],
    [`${PROBES} resource.type = "cloud_run_revision"`, "expected AND, OR"],
    [`${PROBES} AND resource.labels.service_name > "a"`, 'unexpected character ">"'],
    [`${PROBES} AND resource.labels.service_name : "a"`, "expected = or !="],
  ])("rejects %s with INVALID_ARGUMENT", async (filter, reason) => {
    const err = await rpcError(list({ filter, interval: interval(60) }));
    expect(err.code).toBe(3);
    expect(err.message).toContain(`Field filter had an invalid value of "${filter}"`);
    expect(err.message).toContain(reason);
  });

  it("answers an unknown metric type with no series, as Google does", async () => {
    expect(await list({ filter: 'metric.type = "run.googleapis.com/container/nope"', interval: interval(60) })).toEqual(
      [],
    );
  });
});

describe("ListTimeSeries: interval, points and value types", () => {
  it("returns points newest first, DELTA intervals of one minute, INT64 as strings, and nothing newer than the ingestion delay", async () => {
    const [series] = await list({
      filter: `${PROBES} AND metric.labels.probe_type = "STARTUP"`,
      interval: interval(30),
    });
    const points = series?.points ?? [];
    expect(points.length).toBeGreaterThan(3);
    const ends = points.map((p) => num(p.interval?.endTime?.seconds));
    expect(ends).toEqual([...ends].sort((a, b) => b - a));
    points.forEach((p) => {
      expect(num(p.interval?.endTime?.seconds) - num(p.interval?.startTime?.seconds)).toBe(60);
      expect(typeof p.value?.int64Value).toBe("string");
    });
    expect(Math.max(...ends)).toBeLessThanOrEqual(nowSeconds - 60);
    expect(series?.metricKind).toBe("DELTA");
    expect(series?.valueType).toBe("INT64");
  });

  it("GAUGE points have startTime = endTime; DOUBLE values are doubles", async () => {
    const [gauge] = await list({
      filter: `${INSTANCES} AND metric.labels.state = "active" AND resource.labels.service_name = "backend"`,
      interval: interval(10),
    });
    gauge?.points?.forEach((p) => expect(p.interval?.startTime?.seconds).toBe(p.interval?.endTime?.seconds));
    const [cpu] = await list({
      filter: 'metric.type = "cloudsql.googleapis.com/database/cpu/utilization"',
      interval: interval(10),
    });
    expect(cpu?.valueType).toBe("DOUBLE");
    cpu?.points?.forEach((p) => expect(p.value?.doubleValue).toBeGreaterThan(0));
    expect(cpu?.resource?.labels?.database_id).toBe("netra-staging:staging-shared-postgres");
  });

  it("BOOL series carry boolValue, one series per state", async () => {
    const series = await list({
      filter: 'metric.type = "cloudsql.googleapis.com/database/instance_state"',
      interval: interval(5),
    });
    expect(series.map((s) => s.metric?.labels?.state).sort()).toEqual(["FAILED", "MAINTENANCE", "RUNNABLE"]);
    const runnable = series.find((s) => s.metric?.labels?.state === "RUNNABLE");
    expect(runnable?.valueType).toBe("BOOL");
    expect(runnable?.points?.every((p) => p.value?.boolValue === true)).toBe(true);
  });

  it("CUMULATIVE series keep their start time and only grow", async () => {
    const [series] = await list({
      filter: 'metric.type = "cloudsql.googleapis.com/database/postgresql/insights/aggregate/execution_time"',
      interval: interval(30),
    });
    const points = series?.points ?? [];
    expect(series?.metricKind).toBe("CUMULATIVE");
    expect(new Set(points.map((p) => p.interval?.startTime?.seconds)).size).toBe(1);
    const values = points.map((p) => num(p.value?.int64Value));
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(values[0]).toBeGreaterThan(2 ** 32);
  });

  it("DISTRIBUTION points carry bucket options and counts that add up", async () => {
    const [series] = await list({
      filter: `${LATENCIES} AND resource.labels.service_name = "backend"`,
      interval: interval(20),
    });
    const d = series?.points?.[0]?.value?.distributionValue;
    expect(d?.bucketOptions?.exponentialBuckets).toEqual({ numFiniteBuckets: 60, growthFactor: 1.2, scale: 10 });
    expect((d?.bucketCounts ?? []).reduce((n: number, c) => n + num(c), 0)).toBe(num(d?.count));
    expect(d?.mean).toBeGreaterThan(500);
  });

  it("holds at least 7 days of history at 60 s cadence", async () => {
    const weekAgo = nowSeconds - 7 * 86400;
    const [series] = await list({
      filter: `${INSTANCES} AND metric.labels.state = "active" AND resource.labels.service_name = "auth"`,
      interval: interval(60, weekAgo),
    });
    expect(series?.points?.length).toBe(60);
  });

  it.each([
    [{ endTime: undefined, startTime: { seconds: nowSeconds } }, "interval.endTime"],
    [{ startTime: { seconds: nowSeconds }, endTime: { seconds: nowSeconds - 60 } }, "interval.startTime"],
  ])("rejects a bad interval (%#) with INVALID_ARGUMENT naming %s", async (bad, field) => {
    const err = await rpcError(list({ filter: PROBES, interval: bad }));
    expect(err.code).toBe(3);
    expect(err.message).toContain(`Field ${field}`);
  });

  it.each([
    [{ orderBy: "timestamp" }, 3, "Field orderBy"],
    [{ pageSize: -1 }, 3, "Field pageSize"],
    [
      { aggregation: { perSeriesAligner: "ALIGN_INTERPOLATE", alignmentPeriod: { seconds: 60 } } },
      12,
      "ALIGN_INTERPOLATE",
    ],
    [
      { secondaryAggregation: { perSeriesAligner: "ALIGN_MAX", alignmentPeriod: { seconds: 60 } } },
      12,
      "secondaryAggregation",
    ],
  ] as [Omit<IListTimeSeriesRequest, "name">, number, string][])(
    "rejects %o with code %i",
    async (extra, code, text) => {
      const err = await rpcError(list({ filter: INSTANCES, interval: interval(60), ...extra }));
      expect(err.code).toBe(code);
      expect(err.message).toContain(text);
    },
  );

  it("refuses another project with PERMISSION_DENIED", async () => {
    const err = await rpcError(
      client.listTimeSeries({ name: "projects/someone-else", filter: PROBES, interval: interval(5) }),
    );
    expect(err.code).toBe(7);
    expect(err.message).toContain("monitoring.timeSeries.list");
  });
});

describe("ListTimeSeries: aligners", () => {
  const backendUnhealthy = `${PROBES} AND resource.labels.service_name = "backend" AND metric.labels.probe_type = "STARTUP" AND metric.labels.is_healthy = "false"`;

  it("ALIGN_DELTA sums each window, windows end at endTime and cover the range; ALIGN_NONE is raw", async () => {
    const raw = await list({
      filter: backendUnhealthy,
      interval: interval(60),
      aggregation: { perSeriesAligner: "ALIGN_NONE" },
    });
    const aligned = await list({
      filter: backendUnhealthy,
      interval: interval(60),
      aggregation: { perSeriesAligner: "ALIGN_DELTA", alignmentPeriod: { seconds: 300 } },
    });
    expect(sumPoints(aligned)).toBe(sumPoints(raw));
    const points = aligned[0]?.points ?? [];
    expect(num(points[0]?.interval?.endTime?.seconds)).toBe(nowSeconds);
    points.forEach((p, i) => {
      expect(num(p.interval?.endTime?.seconds)).toBe(nowSeconds - i * 300);
      expect(num(p.interval?.endTime?.seconds) - num(p.interval?.startTime?.seconds)).toBe(300);
    });
  });

  it("ALIGN_RATE is the window's delta per second, as a GAUGE DOUBLE", async () => {
    const agg = (perSeriesAligner: Aligner) => ({
      filter: backendUnhealthy,
      interval: interval(60),
      aggregation: { perSeriesAligner, alignmentPeriod: { seconds: 600 } },
    });
    const [delta] = await list(agg("ALIGN_DELTA"));
    const [rate] = await list(agg("ALIGN_RATE"));
    expect(rate?.metricKind).toBe("GAUGE");
    expect(rate?.valueType).toBe("DOUBLE");
    expect(rate?.unit).toBe("1/s");
    expect(rate?.points?.map((p) => p.value?.doubleValue)).toEqual(
      delta?.points?.map((p) => num(p.value?.int64Value) / 600),
    );
  });

  it("ALIGN_SUM and ALIGN_COUNT on a DELTA counter", async () => {
    const raw = await list({ filter: backendUnhealthy, interval: interval(60) });
    const [sum] = await list({
      filter: backendUnhealthy,
      interval: interval(60),
      aggregation: { perSeriesAligner: "ALIGN_SUM", alignmentPeriod: { seconds: 3600 } },
    });
    const [count] = await list({
      filter: backendUnhealthy,
      interval: interval(60),
      aggregation: { perSeriesAligner: "ALIGN_COUNT", alignmentPeriod: { seconds: 3600 } },
    });
    expect(num(sum?.points?.[0]?.value?.int64Value)).toBe(sumPoints(raw));
    expect(num(count?.points?.[0]?.value?.int64Value)).toBe(raw[0]?.points?.length);
  });

  it.each([
    ["ALIGN_MEAN", (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length],
    ["ALIGN_MIN", (v: number[]) => Math.min(...v)],
    ["ALIGN_MAX", (v: number[]) => Math.max(...v)],
  ] as const)("%s on a GAUGE matches the raw points of each window", async (aligner, expected) => {
    const filter = `${INSTANCES} AND metric.labels.state = "active" AND resource.labels.service_name = "backend"`;
    const [raw] = await list({ filter, interval: interval(30) });
    const [aligned] = await list({
      filter,
      interval: interval(30),
      aggregation: { perSeriesAligner: aligner, alignmentPeriod: { seconds: 600 } },
    });
    expect(aligned?.points).toHaveLength(3);
    aligned?.points?.forEach((p) => {
      const end = num(p.interval?.endTime?.seconds);
      const inWindow = (raw?.points ?? [])
        .filter((r) => num(r.interval?.endTime?.seconds) > end - 600 && num(r.interval?.endTime?.seconds) <= end)
        .map((r) => num(r.value?.int64Value));
      expect(num(p.value?.int64Value ?? p.value?.doubleValue)).toBeCloseTo(expected(inWindow), 9);
    });
  });

  it("ALIGN_PERCENTILE_50/95/99 on a DELTA distribution give ordered milliseconds", async () => {
    const get = async (aligner: Aligner) =>
      (
        await list({
          filter: `${LATENCIES} AND resource.labels.service_name = "backend"`,
          interval: interval(60),
          aggregation: { perSeriesAligner: aligner, alignmentPeriod: { seconds: 3600 } },
        })
      )[0]?.points?.[0]?.value?.doubleValue ?? NaN;
    const [p50, p95, p99] = [
      await get("ALIGN_PERCENTILE_50"),
      await get("ALIGN_PERCENTILE_95"),
      await get("ALIGN_PERCENTILE_99"),
    ];
    expect(p50).toBeGreaterThan(1000);
    expect(p50).toBeLessThanOrEqual(p95);
    expect(p95).toBeLessThanOrEqual(p99);
    expect(p99).toBeLessThan(20_000);
  });

  it("ALIGN_FRACTION_TRUE and ALIGN_COUNT_TRUE on a BOOL gauge", async () => {
    const filter =
      'metric.type = "cloudsql.googleapis.com/database/instance_state" AND metric.labels.state = "RUNNABLE"';
    const [fraction] = await list({
      filter,
      interval: interval(10),
      aggregation: { perSeriesAligner: "ALIGN_FRACTION_TRUE", alignmentPeriod: { seconds: 600 } },
    });
    const [count] = await list({
      filter,
      interval: interval(10),
      aggregation: { perSeriesAligner: "ALIGN_COUNT_TRUE", alignmentPeriod: { seconds: 600 } },
    });
    expect(fraction?.points?.[0]?.value?.doubleValue).toBe(1);
    expect(num(count?.points?.[0]?.value?.int64Value)).toBe(9);
  });

  it("ALIGN_RATE on a CUMULATIVE counter uses the difference between windows", async () => {
    const [rate] = await list({
      filter: 'metric.type = "cloudsql.googleapis.com/database/postgresql/insights/aggregate/execution_time"',
      interval: interval(30),
      aggregation: { perSeriesAligner: "ALIGN_RATE", alignmentPeriod: { seconds: 300 } },
    });
    expect(rate?.points).toHaveLength(6);
    rate?.points?.forEach((p) => expect(p.value?.doubleValue).toBeGreaterThan(100_000));
  });

  it.each([
    [
      LATENCIES,
      { perSeriesAligner: "ALIGN_MEAN", alignmentPeriod: { seconds: 60 } },
      "aggregation.perSeriesAligner",
      "The aligner cannot be applied to metrics with kind DELTA and value type DISTRIBUTION.",
    ],
    [
      PROBES,
      { perSeriesAligner: "ALIGN_PERCENTILE_99", alignmentPeriod: { seconds: 60 } },
      "aggregation.perSeriesAligner",
      "kind DELTA and value type INT64",
    ],
    [
      INSTANCES,
      { perSeriesAligner: "ALIGN_RATE", alignmentPeriod: { seconds: 60 } },
      "aggregation.perSeriesAligner",
      "kind GAUGE and value type INT64",
    ],
    [
      PROBES,
      { perSeriesAligner: "ALIGN_DELTA", alignmentPeriod: { seconds: 30 } },
      "aggregation.alignmentPeriod",
      "at least 60 seconds",
    ],
    [PROBES, { perSeriesAligner: "ALIGN_DELTA" }, "aggregation.alignmentPeriod", "must be specified"],
    [
      PROBES,
      { crossSeriesReducer: "REDUCE_SUM", alignmentPeriod: { seconds: 60 } },
      "aggregation.perSeriesAligner",
      "When crossSeriesReducer is specified",
    ],
    [
      LATENCIES,
      { perSeriesAligner: "ALIGN_DELTA", crossSeriesReducer: "REDUCE_MAX", alignmentPeriod: { seconds: 60 } },
      "aggregation.crossSeriesReducer",
      "value type DISTRIBUTION",
    ],
  ])("rejects %s with %o", async (filter, aggregation, field, reason) => {
    const err = await rpcError(list({ filter, interval: interval(60), aggregation: aggregation as IAggregation }));
    expect(err.code).toBe(3);
    expect(err.message).toContain(`Field ${field} had an invalid value of`);
    expect(err.message).toContain(reason);
  });
});

describe("ListTimeSeries: reducers", () => {
  const startups = `${PROBES} AND metric.labels.probe_type = "STARTUP"`;

  it("REDUCE_SUM by service_name and is_healthy keeps only those labels and adds the series up", async () => {
    const agg: IAggregation = { perSeriesAligner: "ALIGN_DELTA", alignmentPeriod: { seconds: 3600 } };
    const separate = await list({ filter: startups, interval: interval(60), aggregation: agg });
    const reduced = await list({
      filter: startups,
      interval: interval(60),
      aggregation: {
        ...agg,
        crossSeriesReducer: "REDUCE_SUM" as Reducer,
        groupByFields: ["resource.labels.service_name", "metric.labels.is_healthy"],
      },
    });
    expect(reduced).toHaveLength(4);
    for (const s of reduced) {
      expect(Object.keys(s.metric?.labels ?? {})).toEqual(["is_healthy"]);
      expect(Object.keys(s.resource?.labels ?? {}).sort()).toEqual(["project_id", "service_name"]);
      const matching = separate.filter(
        (x) =>
          x.resource?.labels?.service_name === s.resource?.labels?.service_name &&
          x.metric?.labels?.is_healthy === s.metric?.labels?.is_healthy,
      );
      expect(sumPoints([s])).toBe(sumPoints(matching));
    }
    const [total] = await list({
      filter: startups,
      interval: interval(60),
      aggregation: { ...agg, crossSeriesReducer: "REDUCE_SUM" },
    });
    expect(sumPoints(total ? [total] : [])).toBe(sumPoints(separate));
  });

  it.each([
    ["REDUCE_MAX", (v: number[]) => Math.max(...v)],
    ["REDUCE_MIN", (v: number[]) => Math.min(...v)],
    ["REDUCE_MEAN", (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length],
    ["REDUCE_COUNT", (v: number[]) => v.length],
    ["REDUCE_NONE", null],
  ] as const)("%s across services per timestamp", async (reducer, expected) => {
    const base = { filter: `${INSTANCES} AND metric.labels.state = "active"`, interval: interval(10) };
    const aligned = await list({
      ...base,
      aggregation: { perSeriesAligner: "ALIGN_MAX", alignmentPeriod: { seconds: 60 } },
    });
    const reduced = await list({
      ...base,
      aggregation: { perSeriesAligner: "ALIGN_MAX", alignmentPeriod: { seconds: 60 }, crossSeriesReducer: reducer },
    });
    if (!expected) {
      expect(reduced).toEqual(aligned);
      return;
    }
    expect(reduced).toHaveLength(1);
    for (const p of reduced[0]?.points ?? []) {
      const at = p.interval?.endTime?.seconds;
      const values = aligned
        .map((s) => s.points?.find((q) => q.interval?.endTime?.seconds === at))
        .map((q) => num(q?.value?.int64Value));
      expect(num(p.value?.int64Value ?? p.value?.doubleValue)).toBeCloseTo(expected(values), 9);
    }
  });
});

describe("ListTimeSeries: pagination and views", () => {
  const request = { filter: `${PROBES} AND metric.labels.probe_type = "STARTUP"`, interval: interval(360) };

  it("pageSize limits points per page; following nextPageToken returns everything once", async () => {
    const [everything] = await client.listTimeSeries({ name, ...request }, { autoPaginate: false });
    const total = everything.reduce((n, s) => n + (s.points?.length ?? 0), 0);
    expect(total).toBeGreaterThan(120);
    const collected = new Map<string, string[]>();
    let token: string | undefined;
    let pages = 0;
    do {
      const [page, , response] = await client.listTimeSeries(
        { name, ...request, pageSize: 50, ...(token ? { pageToken: token } : {}) },
        { autoPaginate: false },
      );
      const count = page.reduce((n, s) => n + (s.points?.length ?? 0), 0);
      expect(count).toBeLessThanOrEqual(50);
      for (const s of page)
        collected.set(key(s), [
          ...(collected.get(key(s)) ?? []),
          ...(s.points ?? []).map((p) => String(p.interval?.endTime?.seconds)),
        ]);
      token = response.nextPageToken || undefined;
      pages++;
    } while (token && pages < 100);
    expect(pages).toBe(Math.ceil(total / 50));
    for (const s of everything)
      expect(collected.get(key(s))).toEqual((s.points ?? []).map((p) => String(p.interval?.endTime?.seconds)));
  });

  it("the client's auto-pagination concatenates the pages", async () => {
    const [auto] = await client.listTimeSeries({ name, ...request, pageSize: 40 });
    expect(auto.reduce((n, s) => n + (s.points?.length ?? 0), 0)).toBe(
      (await list(request)).reduce((n, s) => n + (s.points?.length ?? 0), 0),
    );
  });

  it("rejects a page token from another request or garbage", async () => {
    const [, , first] = await client.listTimeSeries({ name, ...request, pageSize: 10 }, { autoPaginate: false });
    expect(first.nextPageToken).toBeTruthy();
    for (const pageToken of [first.nextPageToken ?? "", "not-a-token"]) {
      const err = await rpcError(
        client.listTimeSeries({ name, ...request, filter: PROBES, pageSize: 10, pageToken }, { autoPaginate: false }),
      );
      expect(err.code).toBe(3);
      expect(err.message).toContain("Field pageToken");
    }
  });

  it("view HEADERS returns series without points, pageSize counting series", async () => {
    const [page, , response] = await client.listTimeSeries(
      { name, ...request, view: "HEADERS", pageSize: 3 },
      { autoPaginate: false },
    );
    expect(page).toHaveLength(3);
    page.forEach((s) => expect(s.points).toEqual([]));
    expect(response.nextPageToken).toBeTruthy();
    const [rest] = await client.listTimeSeries(
      { name, ...request, view: "HEADERS", pageSize: 3, pageToken: response.nextPageToken ?? "" },
      { autoPaginate: false },
    );
    expect(rest).toHaveLength(1);
  });
});

describe("descriptors", () => {
  it("ListMetricDescriptors serves the catalogue, filterable and paged", async () => {
    const [connector] = await client.listMetricDescriptors({
      name,
      filter: 'metric.type = starts_with("vpcaccess.googleapis.com/")',
    });
    expect(connector.map((d) => d.type).sort()).toEqual([
      "vpcaccess.googleapis.com/connector/cpu/utilizations",
      "vpcaccess.googleapis.com/connector/instances",
      "vpcaccess.googleapis.com/connector/received_bytes_count",
      "vpcaccess.googleapis.com/connector/received_packets_count",
      "vpcaccess.googleapis.com/connector/sent_bytes_count",
      "vpcaccess.googleapis.com/connector/sent_packets_count",
    ]);
    connector.forEach((d) => expect(d.monitoredResourceTypes).toEqual(["vpc_access_connector"]));
    const [probe] = await client.listMetricDescriptors({ name, filter: PROBES });
    expect(probe[0]?.labels?.map((l) => l.key)).toContain("probe_type");
    expect(probe[0]).toMatchObject({ metricKind: "DELTA", valueType: "INT64" });
    const [page, , response] = await client.listMetricDescriptors({ name, pageSize: 5 }, { autoPaginate: false });
    expect(page).toHaveLength(5);
    expect(response.nextPageToken).toBeTruthy();
  });

  it("ListMonitoredResourceDescriptors describes the resources and their labels", async () => {
    const [resources] = await client.listMonitoredResourceDescriptors({
      name,
      filter: 'resource.type = "cloud_run_revision"',
    });
    expect(resources).toHaveLength(1);
    expect(resources[0]?.labels?.map((l) => l.key)).toEqual([
      "project_id",
      "service_name",
      "revision_name",
      "location",
      "configuration_name",
    ]);
  });
});
