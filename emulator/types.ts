import type { BucketOptions, MetricKind, ValueType } from "./model";

export type Labels = Record<string, string>;

export interface Dist {
  count: number;
  mean: number;
  /** Sum of squared deviations from the mean. */
  ssd: number;
  bucketCounts: number[];
  options: BucketOptions;
}

export type Value = number | boolean | Dist;

/** Times in epoch seconds. */
export interface Point {
  start: number;
  end: number;
  value: Value;
}

export interface Series {
  metric: { type: string; labels: Labels };
  resource: { type: string; labels: Labels };
  kind: MetricKind;
  valueType: ValueType;
  unit: string;
  /** Oldest first while computing; reversed (newest first) on the wire. */
  points: Point[];
}

export function isDist(v: Value): v is Dist {
  return typeof v === "object";
}
