import { describe, expect, it } from "vitest";
import { loadGoogleServices } from "./protos";
import type { Point, Series } from "./types";
import { wireSeries } from "./wire";

/** The descriptor-driven encoder must produce what protobufjs decodes to the same message. */

const services = loadGoogleServices();
const listTimeSeries = services.metricService.ListTimeSeries;
const listLogEntries = services.loggingService.ListLogEntries;

/**
 * protobufjs writes explicitly set zero values, the fast encoder omits them as proto3 allows
 * (inside a oneof it keeps them); a client decoding with defaults sees the same message, so
 * compare with zero values dropped.
 */
function withoutZeroValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutZeroValues);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => !(v === 0 || v === "" || v === "0" || v === false))
        .map(([k, v]) => [k, withoutZeroValues(v)]),
    );
  }
  return value;
}

function roundTrips(method: typeof listTimeSeries, typeName: string, message: object) {
  if (!method) throw new Error("method missing");
  const viaProtobufjs = method.responseDeserialize(reference(typeName, message));
  const viaFastEncoder = method.responseDeserialize(services.encoder.encode(typeName, message));
  expect(withoutZeroValues(viaFastEncoder)).toEqual(withoutZeroValues(viaProtobufjs));
  return viaFastEncoder as Record<string, unknown>;
}

/** proto-loader's own serializer for the type, as the reference. */
function reference(typeName: string, message: object): Buffer {
  const entry = services.definition[typeName] as { serialize: (value: object) => Buffer };
  return entry.serialize(message);
}

describe("fast encoder", () => {
  it("encodes a ListTimeSeriesResponse like protobufjs: maps, enums, int64 (large, zero, negative), doubles, distributions, long blocks", () => {
    const points = Array.from({ length: 40 }, (_, i) => ({
      interval: {
        startTime: { seconds: 1_758_110_400 + i * 60 },
        endTime: { seconds: 1_758_110_460 + i * 60, nanos: i },
      },
      value:
        i % 4 === 0
          ? { int64Value: 0 }
          : i % 4 === 1
            ? { int64Value: 2 ** 40 + i }
            : i % 4 === 2
              ? { doubleValue: i / 7 }
              : { boolValue: false },
    }));
    const decoded = roundTrips(listTimeSeries, "google.monitoring.v3.ListTimeSeriesResponse", {
      timeSeries: [
        {
          metric: {
            type: "run.googleapis.com/container/completed_probe_count",
            labels: { probe_type: "STARTUP", is_healthy: "false" },
          },
          resource: { type: "cloud_run_revision", labels: { service_name: "backend", project_id: "netra-staging" } },
          metricKind: "DELTA",
          valueType: "INT64",
          unit: "1",
          points,
        },
        {
          metric: { type: "x", labels: {} },
          resource: { type: "y", labels: {} },
          metricKind: "GAUGE",
          valueType: "DISTRIBUTION",
          points: [
            {
              interval: { endTime: { seconds: 5 } },
              value: {
                distributionValue: {
                  count: 3,
                  mean: 2.5,
                  sumOfSquaredDeviation: 1,
                  bucketOptions: { exponentialBuckets: { numFiniteBuckets: 60, growthFactor: 1.2, scale: 10 } },
                  bucketCounts: [0, 1, 2],
                },
              },
            },
            { interval: { endTime: { seconds: 6 } }, value: { int64Value: -5 } },
          ],
        },
      ],
      nextPageToken: "abc",
      unit: "1",
    });
    const first = (decoded.timeSeries as { points: { value: { int64Value?: string; value?: string } }[] }[])[0];
    expect(first?.points[0]?.value).toMatchObject({ int64Value: "0", value: "int64Value" });
    expect(first?.points[1]?.value.int64Value).toBe(String(2 ** 40 + 1));
  });

  it("encodes a ListLogEntriesResponse like protobufjs", () => {
    roundTrips(listLogEntries, "google.logging.v2.ListLogEntriesResponse", {
      entries: [
        {
          logName: "projects/netra-staging/logs/run.googleapis.com%2Fstderr",
          resource: { type: "cloud_run_revision", labels: { service_name: "backend" } },
          timestamp: { seconds: 1_758_110_400, nanos: 123_000_000 },
          severity: "ERROR",
          insertId: "abc",
          textPayload: "Container called exit(3). ".repeat(20),
          labels: { instanceId: "00ab" },
        },
      ],
      nextPageToken: "",
    });
  });

  it("writes the emulator's points straight to the wire exactly as their plain-object form encodes", () => {
    const options = { exponentialBuckets: { numFiniteBuckets: 60, growthFactor: 1.2, scale: 10 } };
    const dist = {
      count: 300,
      mean: 2500.5,
      ssd: 12,
      bucketCounts: [0, ...Array.from({ length: 59 }, (_, i) => i + 1)],
      options,
    };
    const cases: [Series["valueType"], Point[]][] = [
      [
        "INT64",
        [
          { start: 60, end: 120, value: 0 },
          { start: 120, end: 180, value: 2 ** 40 + 3 },
          { start: 180, end: 240.25, value: -7 },
        ],
      ],
      [
        "DOUBLE",
        [
          { start: 0, end: 0, value: 0 },
          { start: 1_758_110_400, end: 1_758_110_400, value: 0.125 },
        ],
      ],
      [
        "BOOL",
        [
          { start: 5, end: 5, value: false },
          { start: 6, end: 6, value: true },
        ],
      ],
      ["DISTRIBUTION", [{ start: 60, end: 120, value: dist }]],
    ];
    for (const [valueType, points] of cases) {
      const series: Series = {
        metric: { type: "m", labels: { a: "1" } },
        resource: { type: "r", labels: {} },
        kind: "GAUGE",
        valueType,
        unit: "1",
        points,
      };
      const plainPoints = points.map((p) => {
        const ts = (t: number) => ({ seconds: Math.floor(t), nanos: Math.round((t - Math.floor(t)) * 1e9) });
        const v = p.value;
        const value =
          typeof v === "object"
            ? {
                distributionValue: {
                  count: String(v.count),
                  mean: v.mean,
                  sumOfSquaredDeviation: v.ssd,
                  bucketOptions: v.options,
                  bucketCounts: v.bucketCounts.map(String),
                },
              }
            : typeof v === "boolean"
              ? { boolValue: v }
              : valueType === "INT64"
                ? { int64Value: v }
                : { doubleValue: v };
        return { interval: { startTime: ts(p.start), endTime: ts(p.end) }, value };
      });
      const method = listTimeSeries;
      if (!method) throw new Error("method missing");
      const type = "google.monitoring.v3.ListTimeSeriesResponse";
      const fast = method.responseDeserialize(
        services.encoder.encode(type, { timeSeries: [wireSeries(series, points)] }),
      );
      const plain = method.responseDeserialize(
        reference(type, { timeSeries: [{ ...wireSeries(series, []), points: plainPoints }] }),
      );
      expect(withoutZeroValues(fast)).toEqual(withoutZeroValues(plain));
      expect((fast as { timeSeries: { points: unknown[] }[] }).timeSeries[0]?.points).toHaveLength(points.length);
    }
  });
});
