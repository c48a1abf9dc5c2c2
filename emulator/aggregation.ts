import type { MetricKind, ValueType } from "./model";
import { invalidField, unimplemented } from "./grpc-errors";

/**
 * The validity rules of Aggregation.Aligner / Aggregation.Reducer as written in
 * google/monitoring/v3/common.proto, and the request's aggregation checked against them.
 */

export interface RawAggregation {
  alignmentPeriod?: { seconds?: string | number; nanos?: number } | null;
  perSeriesAligner?: string;
  crossSeriesReducer?: string;
  groupByFields?: string[];
}

export interface Aggregation {
  periodSeconds: number;
  aligner: string;
  reducer: string;
  groupBy: string[];
}

const numeric = (vt: ValueType) => vt === "INT64" || vt === "DOUBLE";
export const percentileOf = (name: string) => Number(/_(\d\d)$/.exec(name)?.[1] ?? "NaN");

interface AlignerRule {
  kinds: MetricKind[];
  accepts: (vt: ValueType) => boolean;
  output: (kind: MetricKind, vt: ValueType) => [MetricKind, ValueType];
}

const same = (kind: MetricKind, vt: ValueType): [MetricKind, ValueType] => [kind, vt];
const percentileRule: AlignerRule = {
  kinds: ["GAUGE", "DELTA"],
  accepts: (vt) => vt === "DISTRIBUTION",
  output: () => ["GAUGE", "DOUBLE"],
};

export const aligners: Record<string, AlignerRule> = {
  ALIGN_DELTA: { kinds: ["CUMULATIVE", "DELTA"], accepts: (vt) => vt !== "BOOL", output: (_k, vt) => ["DELTA", vt] },
  ALIGN_RATE: { kinds: ["CUMULATIVE", "DELTA"], accepts: numeric, output: () => ["GAUGE", "DOUBLE"] },
  ALIGN_MIN: { kinds: ["GAUGE", "DELTA"], accepts: numeric, output: same },
  ALIGN_MAX: { kinds: ["GAUGE", "DELTA"], accepts: numeric, output: same },
  ALIGN_MEAN: { kinds: ["GAUGE", "DELTA"], accepts: numeric, output: (k) => [k, "DOUBLE"] },
  ALIGN_COUNT: {
    kinds: ["GAUGE", "DELTA"],
    accepts: (vt) => numeric(vt) || vt === "BOOL",
    output: (k) => [k, "INT64"],
  },
  ALIGN_SUM: { kinds: ["GAUGE", "DELTA"], accepts: (vt) => numeric(vt) || vt === "DISTRIBUTION", output: same },
  ALIGN_COUNT_TRUE: { kinds: ["GAUGE"], accepts: (vt) => vt === "BOOL", output: (k) => [k, "INT64"] },
  ALIGN_COUNT_FALSE: { kinds: ["GAUGE"], accepts: (vt) => vt === "BOOL", output: (k) => [k, "INT64"] },
  ALIGN_FRACTION_TRUE: { kinds: ["GAUGE"], accepts: (vt) => vt === "BOOL", output: () => ["GAUGE", "DOUBLE"] },
  ALIGN_PERCENTILE_99: percentileRule,
  ALIGN_PERCENTILE_95: percentileRule,
  ALIGN_PERCENTILE_50: percentileRule,
  ALIGN_PERCENTILE_05: percentileRule,
};

export const reducers: Record<string, { accepts: (vt: ValueType) => boolean; output: (vt: ValueType) => ValueType }> = {
  REDUCE_MEAN: { accepts: (vt) => numeric(vt) || vt === "DISTRIBUTION", output: () => "DOUBLE" },
  REDUCE_MIN: { accepts: numeric, output: (vt) => vt },
  REDUCE_MAX: { accepts: numeric, output: (vt) => vt },
  REDUCE_SUM: { accepts: (vt) => numeric(vt) || vt === "DISTRIBUTION", output: (vt) => vt },
  REDUCE_COUNT: { accepts: () => true, output: () => "INT64" },
  REDUCE_COUNT_TRUE: { accepts: (vt) => vt === "BOOL", output: () => "INT64" },
  REDUCE_COUNT_FALSE: { accepts: (vt) => vt === "BOOL", output: () => "INT64" },
  REDUCE_FRACTION_TRUE: { accepts: (vt) => vt === "BOOL", output: () => "DOUBLE" },
  REDUCE_PERCENTILE_99: { accepts: (vt) => numeric(vt) || vt === "DISTRIBUTION", output: () => "DOUBLE" },
  REDUCE_PERCENTILE_95: { accepts: (vt) => numeric(vt) || vt === "DISTRIBUTION", output: () => "DOUBLE" },
  REDUCE_PERCENTILE_50: { accepts: (vt) => numeric(vt) || vt === "DISTRIBUTION", output: () => "DOUBLE" },
  REDUCE_PERCENTILE_05: { accepts: (vt) => numeric(vt) || vt === "DISTRIBUTION", output: () => "DOUBLE" },
};

const knownButNotEmulated = new Set([
  "ALIGN_INTERPOLATE",
  "ALIGN_NEXT_OLDER",
  "ALIGN_STDDEV",
  "ALIGN_PERCENT_CHANGE",
  "REDUCE_STDDEV",
]);

function formatDuration(seconds: number): string {
  return `${seconds}s`;
}

/** Validates the request's aggregation against the metric; null means "return raw points". */
export function parseAggregation(
  raw: RawAggregation | null | undefined,
  kind: MetricKind,
  valueType: ValueType,
): Aggregation | null {
  const aligner = raw?.perSeriesAligner || "ALIGN_NONE";
  const reducer = raw?.crossSeriesReducer || "REDUCE_NONE";
  const periodSeconds = Number(raw?.alignmentPeriod?.seconds ?? 0) + (raw?.alignmentPeriod?.nanos ?? 0) / 1e9;
  const groupBy = raw?.groupByFields ?? [];
  if (knownButNotEmulated.has(aligner)) throw unimplemented(aligner);
  if (knownButNotEmulated.has(reducer)) throw unimplemented(reducer);
  if (reducer !== "REDUCE_NONE" && (aligner === "ALIGN_NONE" || periodSeconds <= 0)) {
    throw invalidField(
      "aggregation.perSeriesAligner",
      aligner,
      "When crossSeriesReducer is specified, perSeriesAligner must be specified and not equal ALIGN_NONE and alignmentPeriod must be specified.",
    );
  }
  if (aligner === "ALIGN_NONE") return null;
  const rule = aligners[aligner];
  if (!rule) throw invalidField("aggregation.perSeriesAligner", aligner, "Unknown aligner.");
  if (periodSeconds <= 0)
    throw invalidField(
      "aggregation.alignmentPeriod",
      formatDuration(periodSeconds),
      "The alignment period must be specified when perSeriesAligner is not ALIGN_NONE.",
    );
  if (periodSeconds < 60)
    throw invalidField(
      "aggregation.alignmentPeriod",
      formatDuration(periodSeconds),
      "The alignment period must be at least 60 seconds.",
    );
  if (periodSeconds > 104 * 7 * 86400)
    throw invalidField(
      "aggregation.alignmentPeriod",
      formatDuration(periodSeconds),
      "The alignment period must be at most 104 weeks.",
    );
  if (!rule.kinds.includes(kind) || !rule.accepts(valueType)) {
    throw invalidField(
      "aggregation.perSeriesAligner",
      aligner,
      `The aligner cannot be applied to metrics with kind ${kind} and value type ${valueType}.`,
    );
  }
  if (reducer !== "REDUCE_NONE") {
    const reducerRule = reducers[reducer];
    if (!reducerRule) throw invalidField("aggregation.crossSeriesReducer", reducer, "Unknown reducer.");
    const [alignedKind, alignedType] = rule.output(kind, valueType);
    if (!reducerRule.accepts(alignedType)) {
      throw invalidField(
        "aggregation.crossSeriesReducer",
        reducer,
        `The reducer cannot be applied to metrics with kind ${alignedKind} and value type ${alignedType}.`,
      );
    }
  }
  for (const field of groupBy) {
    if (!/^(metric|resource)\.(labels?\.[A-Za-z0-9_/-]+|type)$/.test(field) && field !== "project") {
      throw invalidField(
        "aggregation.groupByFields",
        field,
        "Group-by fields must be metric.labels.KEY, resource.labels.KEY, metric.type or resource.type.",
      );
    }
  }
  return { periodSeconds, aligner, reducer, groupBy };
}
