/**
 * A time series as the dashboard uses it — the core's input shape, whatever the source
 * (Cloud Monitoring, the emulator, a test). `t` is the end of the aligned period in epoch
 * milliseconds; `v` is null when the period has no value (an empty distribution).
 * `exact` carries the decimal int64 when `v` could not hold it exactly (lib/gcp/int64.ts).
 */
export type Point = { t: number; v: number | null; exact?: string };
export type Series = {
  /** Resource and metric labels in one map, e.g. { service_name: "backend", is_healthy: "false" }. */
  labels: Record<string, string>;
  /** Oldest first. */
  points: Point[];
  unit: string;
  /** True when at least one int64 value exceeded 2^53 and `v` is an approximation. */
  precisionLoss: boolean;
};
