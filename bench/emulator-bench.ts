import type { protos } from "@google-cloud/monitoring";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { GrpcClient } from "google-gax";
import { createMinuteModel, timelineFor } from "@/emulator/model";
import { startEmulator } from "../emulator/emulator";
import { loadGoogleServices, protoIncludeDirs } from "../emulator/protos";
import { monitoringClient, worldWithServices } from "../emulator/testing";

/**
 * ListTimeSeries for 24 h at 60 s alignment over a world of 10 services. Goal: median < 50 ms.
 *
 * Two figures per query, because 15–30 thousand points are 0.4–0.7 MB of protobuf:
 * - the emulator's latency: a gRPC client on loopback that sends the real request and takes the
 *   response as bytes (the server's filter, align, reduce, encode and the transport) — the goal;
 * - the round trip through the real @google-cloud/monitoring client, and within it the client's
 *   own decode of those bytes into JS objects (google-gax's proto-loader options), which any
 *   server, Google's included, leaves to the caller.
 * The first call of each query (cold: minutes not yet computed) is reported separately.
 */

type IListTimeSeriesRequest = protos.google.monitoring.v3.IListTimeSeriesRequest;

const RUNS = 40;
const WARMUP = 3;

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = sorted[Math.floor(rank)] ?? 0;
  const hi = sorted[Math.ceil(rank)] ?? lo;
  return lo + (hi - lo) * (rank - Math.floor(rank));
}

const median = (timings: number[]) =>
  percentile(
    [...timings].sort((a, b) => a - b),
    50,
  );

/** A client for ListTimeSeries that encodes the request as the real one does and keeps the response as bytes. */
function rawClient(port: number) {
  const method = loadGoogleServices().metricService.ListTimeSeries;
  if (!method) throw new Error("ListTimeSeries missing from the service definition");
  const Client = grpc.makeGenericClientConstructor(
    { ListTimeSeries: { ...method, responseDeserialize: (bytes: Buffer) => bytes } } as grpc.ServiceDefinition,
    "MetricService",
  );
  const client = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const call = (request: IListTimeSeriesRequest) =>
    new Promise<Buffer>((resolve, reject) =>
      (
        client as unknown as { ListTimeSeries: (r: unknown, cb: (e: Error | null, b: Buffer) => void) => void }
      ).ListTimeSeries(request, (err, bytes) => (err ? reject(err) : resolve(bytes))),
    );
  return { call, close: () => client.close() };
}

/** The real client's decoder: proto-loader with google-gax's own options. */
function clientDecoder(): (bytes: Buffer) => unknown {
  // defaultOptions is private in google-gax's typings, but it is what the client loads protos with.
  const gaxOptions = (GrpcClient as unknown as { defaultOptions(): protoLoader.Options }).defaultOptions();
  const definition = protoLoader.loadSync(["google/monitoring/v3/metric_service.proto"], {
    ...gaxOptions,
    includeDirs: protoIncludeDirs(),
  });
  const service = definition["google.monitoring.v3.MetricService"] as
    Record<string, { responseDeserialize: (b: Buffer) => unknown }> | undefined;
  const method = service?.ListTimeSeries;
  if (!method) throw new Error("ListTimeSeries missing from the client's definition");
  return (bytes) => method.responseDeserialize(bytes);
}

async function timeRuns(run: () => Promise<unknown>): Promise<{ timings: number[]; cold: number }> {
  const timings: number[] = [];
  let cold = 0;
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const started = performance.now();
    await run();
    const ms = performance.now() - started;
    if (i === 0) cold = ms;
    if (i >= WARMUP) timings.push(ms);
  }
  return { timings, cold };
}

/** The pure per-minute generator alone: 24 h × 10 services, every figure, computed from scratch. */
function benchGenerator(): string {
  const world = worldWithServices(10);
  const now = Math.floor(Date.now() / 60_000);
  const timings: number[] = [];
  for (let run = 0; run < WARMUP + RUNS; run++) {
    const model = createMinuteModel(world, timelineFor("demo", now), run);
    const started = performance.now();
    for (let m = now - 1440; m < now; m++) {
      for (let i = 0; i < world.services.length; i++) model.service(m, i);
      model.connector(m);
      model.database(m);
    }
    if (run >= WARMUP) timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  return `model per-minute generator 24h x10 services (all metrics, uncached): median ${percentile(timings, 50).toFixed(1)} ms, p95 ${percentile(timings, 95).toFixed(1)} ms (${RUNS} runs)`;
}

export async function benchEmulator(): Promise<string[]> {
  const emulator = await startEmulator({ world: worldWithServices(10), scenario: "incident", ingestDelaySeconds: 0 });
  const client = monitoringClient(emulator.ports.grpc);
  const name = `projects/${emulator.state.world.projectId}`;
  const end = Math.floor(Date.now() / 1000);
  const interval = { startTime: { seconds: end - 86_400 }, endTime: { seconds: end } };
  const minute = { seconds: 60 };
  const queries: [label: string, request: IListTimeSeriesRequest][] = [
    [
      "start-up probes ALIGN_DELTA",
      {
        name,
        interval,
        filter:
          'metric.type = "run.googleapis.com/container/completed_probe_count" AND metric.labels.probe_type = "STARTUP"',
        aggregation: { perSeriesAligner: "ALIGN_DELTA", alignmentPeriod: minute },
      },
    ],
    [
      "start-up probes ALIGN_DELTA + REDUCE_SUM by service, is_healthy",
      {
        name,
        interval,
        filter:
          'metric.type = "run.googleapis.com/container/completed_probe_count" AND metric.labels.probe_type = "STARTUP"',
        aggregation: {
          perSeriesAligner: "ALIGN_DELTA",
          alignmentPeriod: minute,
          crossSeriesReducer: "REDUCE_SUM",
          groupByFields: ["resource.labels.service_name", "metric.labels.is_healthy"],
        },
      },
    ],
    [
      "start-up latency ALIGN_PERCENTILE_95",
      {
        name,
        interval,
        filter: 'metric.type = "run.googleapis.com/container/startup_latencies"',
        aggregation: { perSeriesAligner: "ALIGN_PERCENTILE_95", alignmentPeriod: minute },
      },
    ],
    [
      "instances ALIGN_MAX",
      {
        name,
        interval,
        filter: 'metric.type = "run.googleapis.com/container/instance_count"',
        aggregation: { perSeriesAligner: "ALIGN_MAX", alignmentPeriod: minute },
      },
    ],
  ];

  const lines: string[] = [benchGenerator()];
  const raw = rawClient(emulator.ports.grpc);
  const decode = clientDecoder();
  try {
    for (const [label, request] of queries) {
      // The raw client goes first, so its first call is the cold one (minutes not yet computed).
      const server = await timeRuns(() => raw.call(request));
      const bytes = await raw.call(request);
      const decodeTimes = (await timeRuns(async () => decode(bytes))).timings;
      const [result] = await client.listTimeSeries(request);
      const viaClient = await timeRuns(() => client.listTimeSeries(request));
      const points = result.reduce((n, s) => n + (s.points?.length ?? 0), 0);
      const serverMedian = median(server.timings);
      lines.push(
        `emulator ListTimeSeries 24h/60s x10 services, ${label} (${result.length} series, ${points} points, ${(bytes.length / 1024).toFixed(0)} KB): ` +
          `emulator over gRPC median ${serverMedian.toFixed(1)} ms, p95 ${percentile(
            [...server.timings].sort((a, b) => a - b),
            95,
          ).toFixed(1)} ms, first call ${server.cold.toFixed(1)} ms ` +
          `(goal < 50 ms) ${serverMedian < 50 ? "PASS" : "FAIL"}; through @google-cloud/monitoring median ${median(viaClient.timings).toFixed(1)} ms, ` +
          `of which the client's protobuf decode median ${median(decodeTimes).toFixed(1)} ms (${RUNS} runs each)`,
      );
    }
  } finally {
    raw.close();
    await client.close();
    await emulator.close();
  }
  return lines;
}
