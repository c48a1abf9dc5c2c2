import type { protos } from "@google-cloud/monitoring";
import type { AlignedInterval } from "./alignment";

/**
 * The metric catalogue of DESIGN.md as typed query builders: each entry names the metric,
 * its filter and the aggregation that is right for its kind. Services are never filtered
 * upstream — one query answers every service and every view, so it is cached once.
 */

export type Aligner =
  | "ALIGN_DELTA"
  | "ALIGN_RATE"
  | "ALIGN_MAX"
  | "ALIGN_MIN"
  | "ALIGN_MEAN"
  | "ALIGN_PERCENTILE_50"
  | "ALIGN_PERCENTILE_95"
  | "ALIGN_PERCENTILE_99";
export type Reducer = "REDUCE_SUM" | "REDUCE_MAX";
export type Percentile = 50 | 95 | 99;

export type MetricQuery = {
  /** Catalogue entry, e.g. "startup-latency-p95"; names the query in logs and cache keys. */
  id: string;
  metricType: string;
  filter: string;
  aligner: Aligner;
  reducer?: Reducer;
  groupBy?: string[];
  /** Unit of the parsed values as Stagewatch reports them ("1" = a count, "ratio" = 0–1). */
  unit: string;
  /** For distribution-valued points: the percentile to extract from the buckets. */
  percentile?: Percentile;
  interval: AlignedInterval;
};

export type QueryScope = {
  projectId: string;
  connector: { name: string; region: string };
  database: { instanceId: string };
  interval: AlignedInterval;
};

const quote = (v: string) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
const and = (...parts: string[]) => parts.join(" AND ");
const metric = (type: string) => `metric.type = ${quote(type)}`;
const resource = (type: string) => `resource.type = ${quote(type)}`;

const SERVICE = "resource.labels.service_name";
const RUN = resource("cloud_run_revision");

/** How a query aggregates, in the order its fields are written (queries are serialised as written). */
type Aggregation = Omit<MetricQuery, "id" | "metricType" | "filter" | "interval">;

/** One catalogue entry over the scope's interval: `filter` gets the metric type it narrows. */
function entry(
  s: QueryScope,
  id: string,
  metricType: string,
  filter: (s: QueryScope, metricType: string) => string,
  aggregation: Aggregation,
): MetricQuery {
  return { id, metricType, filter: filter(s, metricType), ...aggregation, interval: s.interval };
}

const runFilter = (_s: QueryScope, type: string) => and(metric(type), RUN);

/**
 * probe_type values that mean a start-up probe. Label equality in Monitoring filters is
 * case-sensitive and Google's casing is not pinned down in its metric list (the log lines
 * say "STARTUP TCP probe failed"; consoles show "Startup"), so the filter accepts each
 * spelling with one_of() rather than silently matching nothing — zero start-ups would read
 * as "unknown" forever. is_healthy is a BOOL label: "true" / "false".
 */
export const STARTUP_PROBE_TYPES = ["STARTUP", "Startup", "startup"] as const;

export const STARTUP_PROBE_METRIC = "run.googleapis.com/container/completed_probe_count";

/** Start-up probes, optionally narrowed (the SLO export adds is_healthy and service_name). */
export function startupProbeFilter(labels: Readonly<Record<string, string | readonly string[]>> = {}): string {
  const extra = Object.entries(labels).map(([k, v]) =>
    typeof v === "string" ? `${k} = ${quote(v)}` : `${k} = one_of(${v.map(quote).join(", ")})`,
  );
  return and(
    metric(STARTUP_PROBE_METRIC),
    RUN,
    `metric.labels.probe_type = one_of(${STARTUP_PROBE_TYPES.map(quote).join(", ")})`,
    ...extra,
  );
}

export function startupProbes(s: QueryScope): MetricQuery {
  return entry(s, "startup-probes", STARTUP_PROBE_METRIC, () => startupProbeFilter(), {
    // DELTA INT64: ALIGN_DELTA gives probes completed per period; summed per service × outcome.
    aligner: "ALIGN_DELTA",
    reducer: "REDUCE_SUM",
    groupBy: [SERVICE, "metric.labels.is_healthy"],
    unit: "1",
  });
}

/** The same probes split by revision: Cloud Run writes one series per revision (revision_name). */
export function startupProbesByRevision(s: QueryScope): MetricQuery {
  return {
    ...startupProbes(s),
    id: "startup-probes-by-revision",
    groupBy: [SERVICE, "resource.labels.revision_name", "metric.labels.is_healthy"],
  };
}

/**
 * Start-up latency p50/p95/p99. DELTA DISTRIBUTION: ALIGN_PERCENTILE_nn reads the buckets;
 * ALIGN_MEAN would average a delta distribution into nonsense. REDUCE_MAX across a service's
 * revisions reports the slowest revision's percentile — the conservative figure.
 */
export function startupLatency(s: QueryScope, p: Percentile): MetricQuery {
  return entry(s, `startup-latency-p${p}`, "run.googleapis.com/container/startup_latencies", runFilter, {
    aligner: `ALIGN_PERCENTILE_${p}`,
    reducer: "REDUCE_MAX",
    groupBy: [SERVICE],
    unit: "ms",
    percentile: p,
  });
}

/** Start-up latency p95 per revision (revision_name kept): the current revision beside the previous one. */
export function startupLatencyByRevision(s: QueryScope): MetricQuery {
  return {
    ...startupLatency(s, 95),
    id: "startup-latency-p95-by-revision",
    groupBy: [SERVICE, "resource.labels.revision_name"],
  };
}

/** GAUGE INT64 per revision and state (active/idle): max per period, summed per service. */
export function instanceCount(s: QueryScope): MetricQuery {
  return entry(s, "instance-count", "run.googleapis.com/container/instance_count", runFilter, {
    aligner: "ALIGN_MAX",
    reducer: "REDUCE_SUM",
    groupBy: [SERVICE, "metric.labels.state"],
    unit: "1",
  });
}

function connectorFilter(s: QueryScope, type: string): string {
  return and(
    metric(type),
    resource("vpc_access_connector"),
    `resource.labels.connector_name = ${quote(s.connector.name)}`,
    `resource.labels.location = ${quote(s.connector.region)}`,
  );
}

/** DELTA INT64 bytes; ALIGN_RATE turns each period into bytes per second. */
export function connectorBytes(s: QueryScope, direction: "sent" | "received"): MetricQuery {
  return entry(
    s,
    `connector-${direction}-bytes`,
    `vpcaccess.googleapis.com/connector/${direction}_bytes_count`,
    connectorFilter,
    {
      aligner: "ALIGN_RATE",
      reducer: "REDUCE_SUM",
      groupBy: ["resource.labels.connector_name"],
      unit: "By/s",
    },
  );
}

export function connectorInstances(s: QueryScope): MetricQuery {
  return entry(s, "connector-instances", "vpcaccess.googleapis.com/connector/instances", connectorFilter, {
    aligner: "ALIGN_MAX",
    unit: "1",
  });
}

/** DISTRIBUTION of per-instance CPU utilisation; p99 is the busiest instance's load. */
export function connectorCpu(s: QueryScope): MetricQuery {
  return entry(s, "connector-cpu-p99", "vpcaccess.googleapis.com/connector/cpu/utilizations", connectorFilter, {
    aligner: "ALIGN_PERCENTILE_99",
    unit: "ratio",
    percentile: 99,
  });
}

/** Cloud SQL's database_id label is "project:instance". */
export function databaseId(s: Pick<QueryScope, "projectId" | "database">): string {
  return `${s.projectId}:${s.database.instanceId}`;
}

function databaseFilter(s: QueryScope, type: string): string {
  return and(metric(type), resource("cloudsql_database"), `resource.labels.database_id = ${quote(databaseId(s))}`);
}

/** GAUGE INT64 1/0; ALIGN_MIN so a single down sample in a period shows as down. */
export function databaseUp(s: QueryScope): MetricQuery {
  return entry(s, "database-up", "cloudsql.googleapis.com/database/up", databaseFilter, {
    aligner: "ALIGN_MIN",
    unit: "1",
  });
}

/** One series per database (label `database`); summed, they are the instance's backends. */
export function databaseBackends(s: QueryScope): MetricQuery {
  return entry(s, "database-backends", "cloudsql.googleapis.com/database/postgresql/num_backends", databaseFilter, {
    aligner: "ALIGN_MAX",
    reducer: "REDUCE_SUM",
    groupBy: ["resource.labels.database_id"],
    unit: "1",
  });
}

export function databaseUtilization(s: QueryScope, what: "cpu" | "memory"): MetricQuery {
  return entry(s, `database-${what}`, `cloudsql.googleapis.com/database/${what}/utilization`, databaseFilter, {
    aligner: "ALIGN_MEAN",
    unit: "ratio",
  });
}

export function toListTimeSeriesRequest(
  projectId: string,
  q: MetricQuery,
): protos.google.monitoring.v3.IListTimeSeriesRequest {
  const ts = (ms: number) => ({ seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 });
  return {
    name: `projects/${projectId}`,
    filter: q.filter,
    interval: { startTime: ts(q.interval.startMs), endTime: ts(q.interval.endMs) },
    aggregation: {
      alignmentPeriod: { seconds: q.interval.periodSeconds },
      perSeriesAligner: q.aligner,
      ...(q.reducer ? { crossSeriesReducer: q.reducer, groupByFields: q.groupBy ?? [] } : {}),
    },
    view: "FULL",
  };
}

/** What changes a query's answer apart from its interval, in the order the keys list it. */
const answerShape = (projectId: string, q: MetricQuery) => [
  projectId,
  q.filter,
  q.aligner,
  q.reducer ?? null,
  q.groupBy ?? [],
  q.percentile ?? null,
];

/** Identity of a query for coalescing and caching: everything that changes the answer. */
export function queryKey(projectId: string, q: MetricQuery): string {
  return JSON.stringify([...answerShape(projectId, q), q.interval]);
}

/**
 * The same query without its interval: where the last good answer waits as a stale copy.
 * The period is part of it: the SLO reads 6 h at 60 s, the Overview's 6 h range at 120 s.
 */
export function queryFamilyKey(projectId: string, q: MetricQuery): string {
  return JSON.stringify([
    ...answerShape(projectId, q),
    q.interval.endMs - q.interval.startMs,
    q.interval.periodSeconds,
  ]);
}
