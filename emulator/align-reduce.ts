import type { ValueType } from "./model";
import { aligners, percentileOf, reducers, type Aggregation } from "./aggregation";
import { distributionPercentile, mergeDistributions } from "./distribution";
import { isDist, type Dist, type Labels, type Point, type Series, type Value } from "./types";

/** Per-series alignment and cross-series reduction of ListTimeSeries. */

/** Window ends, newest first: endTime, endTime − period, … covering (startTime, endTime]. */
export function windowCount(startSeconds: number, endSeconds: number, periodSeconds: number): number {
  return Math.max(1, Math.ceil((endSeconds - startSeconds) / periodSeconds));
}

function numbers(values: Value[]): number[] {
  return values.filter((v): v is number => typeof v === "number");
}

/** Aligns points[from, to) (one window, oldest first) without building intermediate arrays. */
function alignWindow(
  aligner: string,
  percentile: number,
  series: Series,
  points: Point[],
  from: number,
  to: number,
  before: Point | undefined,
  period: number,
): Value | null {
  const last = points[to - 1];
  if (!last) return null;
  if ((aligner === "ALIGN_DELTA" || aligner === "ALIGN_RATE") && series.kind === "CUMULATIVE") {
    const end = Number(last.value);
    const reference = before && before.start === last.start ? Number(before.value) : 0;
    const delta = end >= reference ? end - reference : end;
    return aligner === "ALIGN_RATE" ? delta / period : delta;
  }
  const n = to - from;
  if (series.valueType === "DISTRIBUTION") {
    let merged: Dist | null;
    if (n === 1) {
      // One raw point per window (the 60-s alignment of per-minute data): nothing to merge.
      merged = isDist(last.value) ? last.value : null;
    } else {
      const dists: Dist[] = [];
      for (let i = from; i < to; i++) {
        const v = points[i]?.value;
        if (v !== undefined && isDist(v)) dists.push(v);
      }
      merged = mergeDistributions(dists);
    }
    if (aligner === "ALIGN_DELTA" || aligner === "ALIGN_SUM") return merged;
    return merged ? distributionPercentile(merged, percentile) : null;
  }
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let trues = 0;
  for (let i = from; i < to; i++) {
    const v = points[i]?.value;
    if (typeof v === "number") {
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    } else if (v === true) {
      trues++;
    }
  }
  switch (aligner) {
    case "ALIGN_DELTA":
    case "ALIGN_SUM":
      return sum;
    case "ALIGN_RATE":
      return sum / period;
    case "ALIGN_MIN":
      return min;
    case "ALIGN_MAX":
      return max;
    case "ALIGN_MEAN":
      return sum / n;
    case "ALIGN_COUNT":
      return n;
    case "ALIGN_COUNT_TRUE":
      return trues;
    case "ALIGN_COUNT_FALSE":
      return n - trues;
    case "ALIGN_FRACTION_TRUE":
      return trues / n;
    default:
      return null;
  }
}

/** Aligns every series to windows ending at endSeconds; empty windows produce no point. */
export function alignSeries(input: Series[], agg: Aggregation, startSeconds: number, endSeconds: number): Series[] {
  const rule = aligners[agg.aligner];
  if (!rule) return input;
  const count = windowCount(startSeconds, endSeconds, agg.periodSeconds);
  const period = agg.periodSeconds;
  const percentile = percentileOf(agg.aligner);
  const windowOf = (p: Point) => Math.floor((endSeconds - p.end) / period);
  return input.map((series) => {
    const [kind, valueType] = rule.output(series.kind, series.valueType);
    const pts = series.points;
    const points: Point[] = [];
    // Points arrive oldest first, so each window is one contiguous run; cumulative deltas need
    // the last point before the window.
    let lastBefore: Point | undefined;
    let i = 0;
    while (i < pts.length) {
      const first = pts[i];
      if (!first) break;
      const k = windowOf(first);
      let j = i + 1;
      while (j < pts.length && windowOf(pts[j] as Point) === k) j++;
      if (k >= 0 && k < count) {
        const value = alignWindow(agg.aligner, percentile, series, pts, i, j, lastBefore, period);
        if (value !== null && !(typeof value === "number" && !Number.isFinite(value))) {
          const end = endSeconds - k * period;
          points.push({ start: kind === "GAUGE" ? end : end - period, end, value });
        }
      }
      lastBefore = pts[j - 1];
      i = j;
    }
    const unit =
      agg.aligner === "ALIGN_RATE"
        ? `${series.unit || "1"}/s`
        : agg.aligner.startsWith("ALIGN_COUNT") || agg.aligner === "ALIGN_FRACTION_TRUE"
          ? "1"
          : series.unit;
    return { ...series, kind, valueType, unit, points };
  });
}

function fieldValue(
  series: Series,
  field: string,
): [scope: "metric" | "resource" | null, key: string, value: string | undefined] {
  const m = /^(metric|resource)\.labels?\.(.+)$/.exec(field);
  if (!m) return [null, field, undefined];
  const scope = m[1] === "metric" ? "metric" : "resource";
  const key = m[2] ?? "";
  return [scope, key, series[scope].labels[key]];
}

function reduceValues(reducer: string, valueType: ValueType, values: Value[]): Value | null {
  const nums = numbers(values);
  const dists = values.filter(isDist);
  switch (reducer) {
    case "REDUCE_SUM":
      return valueType === "DISTRIBUTION" ? mergeDistributions(dists) : nums.reduce((a, b) => a + b, 0);
    case "REDUCE_MEAN": {
      if (valueType === "DISTRIBUTION") return mergeDistributions(dists)?.mean ?? null;
      return nums.reduce((a, b) => a + b, 0) / nums.length;
    }
    case "REDUCE_MIN":
      return Math.min(...nums);
    case "REDUCE_MAX":
      return Math.max(...nums);
    case "REDUCE_COUNT":
      return values.length;
    case "REDUCE_COUNT_TRUE":
      return values.filter((v) => v === true).length;
    case "REDUCE_COUNT_FALSE":
      return values.filter((v) => v === false).length;
    case "REDUCE_FRACTION_TRUE":
      return values.filter((v) => v === true).length / values.length;
    default: {
      const p = percentileOf(reducer);
      if (valueType === "DISTRIBUTION") {
        const merged = mergeDistributions(dists);
        return merged ? distributionPercentile(merged, p) : null;
      }
      const sorted = [...nums].sort((a, b) => a - b);
      if (!sorted.length) return null;
      const rank = (p / 100) * (sorted.length - 1);
      const lo = sorted[Math.floor(rank)] ?? 0;
      const hi = sorted[Math.ceil(rank)] ?? lo;
      return lo + (hi - lo) * (rank - Math.floor(rank));
    }
  }
}

/** Combines aligned series that share the group-by label values. */
export function reduceSeries(aligned: Series[], agg: Aggregation, projectId: string): Series[] {
  const rule = reducers[agg.reducer];
  if (!rule) return aligned;
  const groups = new Map<string, { metric: Labels; resource: Labels; members: Series[] }>();
  for (const s of aligned) {
    const metric: Labels = {};
    const resource: Labels = { project_id: projectId };
    for (const field of agg.groupBy) {
      const [scope, key, value] = fieldValue(s, field);
      if (scope && value !== undefined) (scope === "metric" ? metric : resource)[key] = value;
    }
    const id = JSON.stringify([metric, resource]);
    const group = groups.get(id) ?? { metric, resource, members: [] };
    group.members.push(s);
    groups.set(id, group);
  }
  const out: Series[] = [];
  for (const group of groups.values()) {
    const first = group.members[0];
    if (!first) continue;
    const byEnd = new Map<number, { start: number; values: Value[] }>();
    for (const s of group.members) {
      for (const p of s.points) {
        const slot = byEnd.get(p.end) ?? { start: p.start, values: [] };
        slot.values.push(p.value);
        byEnd.set(p.end, slot);
      }
    }
    const valueType = rule.output(first.valueType);
    const points: Point[] = [];
    for (const [end, slot] of [...byEnd.entries()].sort((a, b) => a[0] - b[0])) {
      const value = reduceValues(agg.reducer, first.valueType, slot.values);
      if (value === null || (typeof value === "number" && !Number.isFinite(value))) continue;
      points.push({ start: slot.start, end, value });
    }
    const unit = agg.reducer.startsWith("REDUCE_COUNT") || agg.reducer === "REDUCE_FRACTION_TRUE" ? "1" : first.unit;
    out.push({
      metric: { type: first.metric.type, labels: group.metric },
      resource: { type: first.resource.type, labels: group.resource },
      kind: first.kind,
      valueType,
      unit,
      points,
    });
  }
  return out;
}
