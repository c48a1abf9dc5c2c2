import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CAUSES, classify, zeroCounts } from "@/lib/core/failure-causes";
import { failureQuery } from "@/lib/gcp/failures";
import { failureMetricSpecs, failureMetricType } from "@/lib/gcp/log-metrics";
import { startEmulator, type RunningEmulator } from "./emulator";
import { logMetricsOf } from "./log-metrics";
import {
  configWorld,
  FIXED_NOW,
  loggingClient,
  logMetricsClient,
  monitoringClient,
  rpcError,
  testClock,
  type LoggingClient,
} from "./testing";

/** Contract tests: MetricsServiceV2 and the logging.googleapis.com/user/ series, through Google's own clients. */

const project = "projects/netra-staging";
const clock = testClock();
const services = configWorld().services.map((s) => s.name);
let emulator: RunningEmulator;
let metrics: ReturnType<typeof logMetricsClient>;
let logging: LoggingClient;
let monitoring: ReturnType<typeof monitoringClient>;

beforeAll(async () => {
  emulator = await startEmulator({ world: configWorld(), scenario: "incident", now: clock.now, ingestDelaySeconds: 0 });
  metrics = logMetricsClient(emulator.ports.grpc);
  logging = loggingClient(emulator.ports.grpc);
  monitoring = monitoringClient(emulator.ports.grpc);
});

afterAll(async () => {
  await Promise.all([metrics.close(), logging.close(), monitoring.close()]);
  await emulator.close();
});

const counter = { metricKind: "DELTA" as const, valueType: "INT64" as const };

describe("MetricsServiceV2", () => {
  it("creates, gets and lists log metrics; a second create is ALREADY_EXISTS", async () => {
    for (const spec of failureMetricSpecs(services)) {
      const [created] = await metrics.createLogMetric({
        parent: project,
        metric: { name: spec.id, filter: spec.filter, description: spec.description, metricDescriptor: counter },
      });
      expect(created.name).toBe(spec.id);
      expect(Number(created.createTime?.seconds)).toBe(Math.floor(FIXED_NOW / 1000));
      expect(created.metricDescriptor?.type).toBe(failureMetricType(spec.cause));
    }
    const first = failureMetricSpecs(services)[0];
    if (!first) throw new Error("no specs");
    const again = await rpcError(
      metrics.createLogMetric({ parent: project, metric: { name: first.id, filter: first.filter } }),
    );
    expect(again.code).toBe(6);
    const [got] = await metrics.getLogMetric({ metricName: `${project}/metrics/${first.id}` });
    expect(got.filter).toBe(first.filter);
    const [list] = await metrics.listLogMetrics({ parent: project }, { autoPaginate: false });
    expect(list.map((m) => m.name).sort()).toEqual(
      failureMetricSpecs(services)
        .map((s) => s.id)
        .sort(),
    );
  });

  it.each([
    ["a name Google refuses", { name: "/leading-slash", filter: "severity>=ERROR" }, 3, "metric.name"],
    ["a name over 100 characters", { name: "x".repeat(101), filter: "severity>=ERROR" }, 3, "metric.name"],
    ["an unparseable filter", { name: "bad-filter", filter: "severity>=ERROR AND (" }, 3, "Unparseable filter"],
    ["no filter", { name: "no-filter", filter: "" }, 3, "metric.filter"],
  ])("rejects %s", async (_what, metric, code, text) => {
    const err = await rpcError(metrics.createLogMetric({ parent: project, metric }));
    expect(err.code).toBe(code);
    expect(err.message).toContain(text);
  });

  it("refuses another project and a missing metric", async () => {
    expect(
      (
        await rpcError(
          metrics.createLogMetric({
            parent: "projects/someone-else",
            metric: { name: "x", filter: "severity>=ERROR" },
          }),
        )
      ).code,
    ).toBe(7);
    expect((await rpcError(metrics.getLogMetric({ metricName: `${project}/metrics/nope` }))).code).toBe(5);
  });

  it("is PERMISSION_DENIED for writes when the caller may not write", async () => {
    const state = logMetricsOf(emulator.state);
    state.writable = false;
    try {
      const err = await rpcError(
        metrics.createLogMetric({ parent: project, metric: { name: "denied", filter: "severity>=ERROR" } }),
      );
      expect(err.code).toBe(7);
      expect(err.message).toContain("logging.logMetrics.create");
    } finally {
      state.writable = true;
    }
  });
});

describe("logging.googleapis.com/user/ series", () => {
  it("count exactly the log lines ListLogEntries returns, per cause, from the metric's creation on", async () => {
    clock.advance(30 * 60_000);
    const endMs = Math.floor(clock.now() / 60_000) * 60_000;
    // The log read starts at creation; Monitoring is asked from an hour before: the metric counted nothing then.
    const expected = zeroCounts();
    let pageToken: string | undefined;
    do {
      const [page, , response] = await logging.listLogEntries(
        {
          resourceNames: [project],
          filter: failureQuery(FIXED_NOW, endMs, services),
          pageSize: 1000,
          ...(pageToken ? { pageToken } : {}),
        },
        { autoPaginate: false },
      );
      for (const e of page) expected[classify(e.textPayload ?? "")] += 1;
      pageToken = response.nextPageToken || undefined;
    } while (pageToken);
    expect(expected["db-socket-timeout"]).toBeGreaterThan(0);
    expect(expected["exit-code"]).toBeGreaterThan(0);
    expect(expected["startup-probe-failed"]).toBeGreaterThan(0);

    const counted = zeroCounts();
    for (const cause of CAUSES) {
      const [series] = await monitoring.listTimeSeries(
        {
          name: project,
          filter: `metric.type="${failureMetricType(cause)}"`,
          interval: { startTime: { seconds: (endMs - 90 * 60_000) / 1000 }, endTime: { seconds: endMs / 1000 } },
          aggregation: {
            alignmentPeriod: { seconds: 60 },
            perSeriesAligner: "ALIGN_SUM",
            crossSeriesReducer: "REDUCE_SUM",
          },
        },
        { autoPaginate: false },
      );
      for (const ts of series) {
        expect(ts.metricKind).toBe("DELTA");
        expect(ts.valueType).toBe("INT64");
        for (const p of ts.points ?? []) {
          expect(Number(p.interval?.endTime?.seconds) * 1000).toBeGreaterThan(FIXED_NOW);
          counted[cause] += Number(p.value?.int64Value ?? 0);
        }
      }
    }
    expect(counted).toEqual(expected);
  });

  it("raw series are per service and log, with the metric's resource type", async () => {
    const [series] = await monitoring.listTimeSeries(
      {
        name: project,
        filter: `metric.type="${failureMetricType("exit-code")}" AND resource.labels.service_name="backend"`,
        interval: { startTime: { seconds: FIXED_NOW / 1000 }, endTime: { seconds: clock.now() / 1000 } },
      },
      { autoPaginate: false },
    );
    expect(series.length).toBeGreaterThan(0);
    for (const ts of series) {
      expect(ts.resource?.type).toBe("cloud_run_revision");
      expect(ts.resource?.labels?.service_name).toBe("backend");
      expect(ts.metric?.labels?.log).toBe("run.googleapis.com/varlog/system");
    }
  });

  it("an unknown user metric is an empty answer, like Google's", async () => {
    const [series] = await monitoring.listTimeSeries(
      {
        name: project,
        filter: 'metric.type="logging.googleapis.com/user/nope"',
        interval: { startTime: { seconds: FIXED_NOW / 1000 }, endTime: { seconds: clock.now() / 1000 } },
      },
      { autoPaginate: false },
    );
    expect(series).toEqual([]);
  });
});
