import type { ValueType } from "@/lib/model";
import { FIXED64, LENGTH, SelfWriting, VARINT, type Encoder, type Writer } from "./fast-encoder";
import { loadGoogleServices } from "./protos";
import { isDist, type Dist, type Point } from "./types";

/**
 * TimeSeries.points written straight from the emulator's points. A day of per-minute series is
 * 15–30 thousand points; building six plain objects per point only for the encoder to walk them
 * cost more than the encoding. Field numbers come from Google's protos, never from here.
 */

export function distributionWire(value: Dist) {
  return {
    count: String(value.count),
    mean: value.mean,
    sumOfSquaredDeviation: value.ssd,
    bucketOptions: value.options,
    bucketCounts: value.bucketCounts.map(String),
  };
}

function fieldsOf(encoder: Encoder, typeName: string, names: string[]): Record<string, number> {
  const numbers = encoder.fieldNumbers(typeName);
  for (const name of names) if (numbers[name] === undefined) throw new Error(`${typeName} has no field ${name}`);
  return numbers;
}

function createPointsWriter(encoder: Encoder) {
  const series = fieldsOf(encoder, "google.monitoring.v3.TimeSeries", ["points"]);
  const point = fieldsOf(encoder, "google.monitoring.v3.Point", ["interval", "value"]);
  const interval = fieldsOf(encoder, "google.monitoring.v3.TimeInterval", ["startTime", "endTime"]);
  const timestamp = fieldsOf(encoder, "google.protobuf.Timestamp", ["seconds", "nanos"]);
  const typed = fieldsOf(encoder, "google.monitoring.v3.TypedValue", ["boolValue", "int64Value", "doubleValue", "distributionValue"]);
  const n = (fields: Record<string, number>, name: string) => fields[name] as number;

  const writeTimestamp = (w: Writer, field: number, seconds: number) => {
    const whole = Math.floor(seconds);
    const nanos = Math.round((seconds - whole) * 1e9);
    w.tag(field, LENGTH);
    const mark = w.begin();
    if (whole) {
      w.tag(n(timestamp, "seconds"), VARINT);
      w.varint(whole);
    }
    if (nanos) {
      w.tag(n(timestamp, "nanos"), VARINT);
      w.varint(nanos);
    }
    w.end(mark);
  };

  // Inside the TypedValue oneof a zero or false is still written, or the chosen member is lost.
  const writeValue = (w: Writer, value: Point["value"], valueType: ValueType) => {
    if (isDist(value)) {
      w.tag(n(typed, "distributionValue"), LENGTH);
      const mark = w.begin();
      encoder.writeBody(w, "google.api.Distribution", distributionWire(value));
      w.end(mark);
    } else if (typeof value === "boolean") {
      w.tag(n(typed, "boolValue"), VARINT);
      w.varint(value ? 1 : 0);
    } else if (valueType === "INT64") {
      w.tag(n(typed, "int64Value"), VARINT);
      w.varint(Math.round(value));
    } else {
      w.tag(n(typed, "doubleValue"), FIXED64);
      w.double(value);
    }
  };

  return (points: readonly Point[], valueType: ValueType) =>
    new SelfWriting((w) => {
      for (const p of points) {
        w.tag(n(series, "points"), LENGTH);
        const pointMark = w.begin();
        w.tag(n(point, "interval"), LENGTH);
        const intervalMark = w.begin();
        writeTimestamp(w, n(interval, "endTime"), p.end);
        writeTimestamp(w, n(interval, "startTime"), p.start);
        w.end(intervalMark);
        w.tag(n(point, "value"), LENGTH);
        const valueMark = w.begin();
        writeValue(w, p.value, valueType);
        w.end(valueMark);
        w.end(pointMark);
      }
    });
}

let writer: ReturnType<typeof createPointsWriter> | undefined;

/** The `points` field of a TimeSeries (points already newest first). */
export function wirePoints(points: readonly Point[], valueType: ValueType): SelfWriting {
  writer ??= createPointsWriter(loadGoogleServices().encoder);
  return writer(points, valueType);
}
