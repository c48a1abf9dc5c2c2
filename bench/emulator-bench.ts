import type { protos } from "@google-cloud/monitoring";
import { createMinuteModel, timelineFor } from "@/lib/model";
import { startEmulator } from "../emulator/emulator";
import { listTimeSeries } from "../emulator/metric-service";
import { loadGoogleServices } from "../emulator/protos";
import { monitoringClient, worldWithServices } from "../emulator/testing";

/**
 * ListTimeSeries through the real @google-cloud/monitoring client against the in-process
 * emulator: 24 h at 60 s alignment over a world of 10 services. Goal: median < 50 ms.
 * The first call of each query (cold: minutes not yet computed) is reported separately, and so
 * is the emulator's own share (filter, align, reduce, encode; measured in-process), because with
 * 15–30 thousand points most of the round trip is the client decoding protobuf.
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

/** Median time the emulator itself spends on the request (handler + response encoding). */
function serverShare(state: Parameters<typeof listTimeSeries>[0], request: IListTimeSeriesRequest): number {
  const method = loadGoogleServices().metricService.ListTimeSeries;
  const wire = JSON.parse(JSON.stringify(request)) as Parameters<typeof listTimeSeries>[1];
  const timings: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const started = performance.now();
    method?.responseSerialize(listTimeSeries(state, wire));
    if (i >= WARMUP) timings.push(performance.now() - started);
  }
  return percentile(timings.sort((a, b) => a - b), 50);
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
      { name, interval, filter: 'metric.type = "run.googleapis.com/container/completed_probe_count" AND metric.labels.probe_type = "STARTUP"', aggregation: { perSeriesAligner: "ALIGN_DELTA", alignmentPeriod: minute } },
    ],
    [
      "start-up probes ALIGN_DELTA + REDUCE_SUM by service, is_healthy",
      {
        name,
        interval,
        filter: 'metric.type = "run.googleapis.com/container/completed_probe_count" AND metric.labels.probe_type = "STARTUP"',
        aggregation: { perSeriesAligner: "ALIGN_DELTA", alignmentPeriod: minute, crossSeriesReducer: "REDUCE_SUM", groupByFields: ["resource.labels.service_name", "metric.labels.is_healthy"] },
      },
    ],
    [
      "start-up latency ALIGN_PERCENTILE_95",
      { name, interval, filter: 'metric.type = "run.googleapis.com/container/startup_latencies"', aggregation: { perSeriesAligner: "ALIGN_PERCENTILE_95", alignmentPeriod: minute } },
    ],
    [
      "instances ALIGN_MAX",
      { name, interval, filter: 'metric.type = "run.googleapis.com/container/instance_count"', aggregation: { perSeriesAligner: "ALIGN_MAX", alignmentPeriod: minute } },
    ],
  ];

  const lines: string[] = [benchGenerator()];
  try {
    for (const [label, request] of queries) {
      const timings: number[] = [];
      let cold = 0;
      let series = 0;
      let points = 0;
      for (let i = 0; i < WARMUP + RUNS; i++) {
        const started = performance.now();
        const [result] = await client.listTimeSeries(request);
        const ms = performance.now() - started;
        if (i === 0) {
          cold = ms;
          series = result.length;
          points = result.reduce((n, s) => n + (s.points?.length ?? 0), 0);
        }
        if (i >= WARMUP) timings.push(ms);
      }
      timings.sort((a, b) => a - b);
      const server = serverShare(emulator.state, request);
      lines.push(
        `emulator ListTimeSeries 24h/60s x10 services, ${label}: median ${percentile(timings, 50).toFixed(1)} ms, p95 ${percentile(timings, 95).toFixed(1)} ms ` +
          `through the real client (${RUNS} runs; first call ${cold.toFixed(1)} ms; ${series} series, ${points} points; emulator's share median ${server.toFixed(1)} ms)`,
      );
    }
  } finally {
    await client.close();
    await emulator.close();
  }
  return lines;
}
