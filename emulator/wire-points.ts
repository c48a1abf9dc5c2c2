import type { ValueType } from "./model";
import { FIXED64, LENGTH, SelfWriting, VARINT, type Encoder, type Writer } from "./fast-encoder";
import { loadGoogleServices } from "./protos";
import { isDist, type Dist, type Point } from "./types";

/**
 * TimeSeries.points written straight from the emulator's points. A day of per-minute series is
 * 15–30 thousand points; building six plain objects per point only for the encoder to walk them
 * cost more than the encoding. Field numbers come from Google's protos, never from here.
 */

function distributionWire(value: Dist) {
  return {
    count: String(value.count),
    mean: value.mean,
    sumOfSquaredDeviation: value.ssd,
    bucketOptions: value.options,
    bucketCounts: value.bucketCounts.map(String),
  };
}

/** Nanoseconds of a time in epoch seconds (shared with wire.ts's toTimestamp). */
export function nanosOf(seconds: number): number {
  return Math.round((seconds - Math.floor(seconds)) * 1e9);
}

/** The numbers of the named fields, checked once, so the loop over points reads constants. */
function fieldsOf<const K extends string>(encoder: Encoder, typeName: string, names: readonly K[]): Record<K, number> {
  const numbers = encoder.fieldNumbers(typeName);
  const out = {} as Record<K, number>;
  for (const name of names) {
    const number = numbers[name];
    if (number === undefined) throw new Error(`${typeName} has no field ${name}`);
    out[name] = number;
  }
  return out;
}

function createPointsWriter(encoder: Encoder) {
  const series = fieldsOf(encoder, "google.monitoring.v3.TimeSeries", ["points"]);
  const point = fieldsOf(encoder, "google.monitoring.v3.Point", ["interval", "value"]);
  const interval = fieldsOf(encoder, "google.monitoring.v3.TimeInterval", ["startTime", "endTime"]);
  const timestamp = fieldsOf(encoder, "google.protobuf.Timestamp", ["seconds", "nanos"]);
  const typed = fieldsOf(encoder, "google.monitoring.v3.TypedValue", [
    "boolValue",
    "int64Value",
    "doubleValue",
    "distributionValue",
  ]);

  const writeTimestamp = (w: Writer, field: number, seconds: number) => {
    const whole = Math.floor(seconds);
    const nanos = nanosOf(seconds);
    w.tag(field, LENGTH);
    const mark = w.begin();
    if (whole) {
      w.tag(timestamp.seconds, VARINT);
      w.varint(whole);
    }
    if (nanos) {
      w.tag(timestamp.nanos, VARINT);
      w.varint(nanos);
    }
    w.end(mark);
  };

  // Inside the TypedValue oneof a zero or false is still written, or the chosen member is lost.
  const writeValue = (w: Writer, value: Point["value"], valueType: ValueType) => {
    if (isDist(value)) {
      w.tag(typed.distributionValue, LENGTH);
      const mark = w.begin();
      encoder.writeBody(w, "google.api.Distribution", distributionWire(value));
      w.end(mark);
    } else if (typeof value === "boolean") {
      w.tag(typed.boolValue, VARINT);
      w.varint(value ? 1 : 0);
    } else if (valueType === "INT64") {
      w.tag(typed.int64Value, VARINT);
      w.varint(Math.round(value));
    } else {
      w.tag(typed.doubleValue, FIXED64);
      w.double(value);
    }
  };

  return (points: readonly Point[], valueType: ValueType) =>
    new SelfWriting((w) => {
      for (const p of points) {
        w.tag(series.points, LENGTH);
        const pointMark = w.begin();
        w.tag(point.interval, LENGTH);
        const intervalMark = w.begin();
        writeTimestamp(w, interval.endTime, p.end);
        writeTimestamp(w, interval.startTime, p.start);
        w.end(intervalMark);
        w.tag(point.value, LENGTH);
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
