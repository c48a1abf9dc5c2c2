import type { protos } from "@google-cloud/monitoring";
import type { MetricQuery } from "./catalogue";
import { percentile } from "./distribution";
import { parseInt64 } from "./int64";
import type { Point, Series } from "@/lib/core/series";

type TimeSeries = protos.google.monitoring.v3.ITimeSeries;
type TypedValue = protos.google.monitoring.v3.ITypedValue;
type Timestamp = protos.google.protobuf.ITimestamp;

function millis(ts: Timestamp | null | undefined): number | null {
  if (!ts) return null;
  const seconds = Number(String(ts.seconds ?? 0));
  if (!Number.isFinite(seconds)) return null;
  return seconds * 1000 + Math.floor((ts.nanos ?? 0) / 1e6);
}

function valueOf(v: TypedValue | null | undefined, q: MetricQuery): Omit<Point, "t"> | undefined {
  if (!v) return undefined;
  // google-gax decodes with `oneofs: true`: `value` names the field that is set.
  const which = (v as { value?: string }).value;
  if (which === "int64Value" || (which === undefined && v.int64Value !== null && v.int64Value !== undefined)) {
    const n = parseInt64(v.int64Value === null || v.int64Value === undefined ? null : String(v.int64Value));
    return n ? { v: n.value, ...(n.exact ? { exact: n.exact } : {}) } : undefined;
  }
  if (which === "doubleValue" || (which === undefined && typeof v.doubleValue === "number")) {
    return Number.isFinite(v.doubleValue) ? { v: v.doubleValue ?? null } : { v: null };
  }
  if (which === "boolValue" || (which === undefined && typeof v.boolValue === "boolean"))
    return { v: v.boolValue ? 1 : 0 };
  if (which === "distributionValue" || (which === undefined && v.distributionValue)) {
    return { v: percentile(v.distributionValue, q.percentile ?? 50) };
  }
  return undefined; // stringValue: no metric in the catalogue has one.
}

/** Cloud Monitoring's TimeSeries → the core's Series (lib/core/series.ts), oldest point first. */
export function parseTimeSeries(series: TimeSeries, q: MetricQuery): Series {
  const labels: Record<string, string> = { ...(series.resource?.labels ?? {}), ...(series.metric?.labels ?? {}) };
  const points: Point[] = [];
  for (const p of series.points ?? []) {
    const t = millis(p.interval?.endTime);
    const value = valueOf(p.value, q);
    if (t === null || value === undefined) continue;
    points.push({ t, ...value });
  }
  // The API answers newest first; charts and the health maths want oldest first.
  points.sort((a, b) => a.t - b.t);
  return { labels, points, unit: q.unit, precisionLoss: points.some((p) => p.exact !== undefined) };
}
