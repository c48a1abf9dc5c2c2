import * as grpc from "@grpc/grpc-js";
import { status, type UntypedServiceImplementation } from "@grpc/grpc-js";
import { revisionName, type MetricSpec } from "./model";
import { invalidArgument, invalidField, RpcError } from "./grpc-errors";
import { matchesLogFilter, parseLogFilter, type LogFilterNode } from "./log-filter";
import { fieldsOf } from "./logging-service";
import { loadProtos, serviceAt } from "./protos";
import type { SeriesDef } from "./series";
import type { EmulatorState } from "./state";
import { unary } from "./unary";
import { permissionDenied, toTimestamp } from "./wire";

/**
 * google.logging.v2.MetricsServiceV2 (log-based counter metrics) and the
 * `logging.googleapis.com/user/<name>` DELTA INT64 series Monitoring serves for them. The counts
 * come from the same per-minute log lines ListLogEntries returns, so both views agree; like
 * Google, a metric counts only entries from its creation on.
 */

type Obj = Record<string, unknown>;
export const USER_METRIC_PREFIX = "logging.googleapis.com/user/";
/** Google: up to 100 characters of A-Z a-z 0-9 and _-.,+!*',()%/ ; no leading slash. */
const METRIC_ID = /^[A-Za-z0-9_\-.,+!*'()%][A-Za-z0-9_\-.,+!*'()%/]{0,99}$/;

export interface LogMetric {
  name: string;
  description: string;
  filter: string;
  parsed: LogFilterNode | null;
  createMs: number;
  updateMs: number;
  /** Bumped on each update so memoised per-minute counts of an old filter are not reused. */
  version: number;
}

export interface LogMetricsState {
  metrics: Map<string, LogMetric>;
  /** false: every write is PERMISSION_DENIED (a caller without roles/logging.configWriter). */
  writable: boolean;
}

const states = new WeakMap<EmulatorState, LogMetricsState>();

export function logMetricsOf(state: EmulatorState): LogMetricsState {
  let s = states.get(state);
  if (!s) {
    s = { metrics: new Map(), writable: true };
    states.set(state, s);
  }
  return s;
}

const str = (v: unknown) => (typeof v === "string" ? v : "");

function definition(): grpc.ServiceDefinition {
  const root = grpc.loadPackageDefinition(loadProtos(["google/logging/v2/logging_metrics.proto"]));
  return serviceAt(root, "google.logging.v2.MetricsServiceV2");
}

function checkParent(state: EmulatorState, parent: string, permission: string): void {
  if (parent !== `projects/${state.world.projectId}`) throw permissionDenied(permission, parent);
}

/** projects/P/metrics/ID → ID, after checking the project. */
function metricId(state: EmulatorState, metricName: string, permission: string): string {
  const m = /^projects\/([^/]+)\/metrics\/(.+)$/.exec(metricName);
  if (!m?.[1] || !m[2]) throw invalidField("metric_name", metricName, "expected projects/{project}/metrics/{metric}.");
  checkParent(state, `projects/${m[1]}`, permission);
  return decodeURIComponent(m[2]);
}

function checkMetric(metric: Obj | undefined): {
  id: string;
  filter: string;
  parsed: LogFilterNode | null;
  description: string;
} {
  if (!metric) throw invalidField("metric", "", "A metric is required.");
  const id = str(metric.name);
  if (!METRIC_ID.test(id))
    throw invalidField(
      "metric.name",
      id,
      "Metric identifiers are limited to 100 characters of A-Z, a-z, 0-9 and _-.,+!*',()%/ and cannot start with /.",
    );
  const filter = str(metric.filter);
  if (!filter.trim()) throw invalidField("metric.filter", "", "A filter is required.");
  const parsed = parseLogFilter(filter);
  const descriptor = metric.metricDescriptor as Obj | undefined;
  const kind = str(descriptor?.metricKind) || "DELTA";
  const valueType = str(descriptor?.valueType) || "INT64";
  if (kind !== "DELTA")
    throw invalidField("metric.metric_descriptor.metric_kind", kind, "Log-based metrics are DELTA.");
  if (valueType !== "INT64")
    throw invalidArgument(`The Stagewatch emulator serves counter log metrics only (value type ${valueType}).`);
  if (str(metric.valueExtractor))
    throw invalidArgument("The Stagewatch emulator serves counter log metrics only (no value_extractor).");
  return { id, filter, parsed, description: str(metric.description) };
}

function wire(m: LogMetric) {
  return {
    name: m.name,
    description: m.description,
    filter: m.filter,
    metricDescriptor: { type: `${USER_METRIC_PREFIX}${m.name}`, metricKind: "DELTA", valueType: "INT64", unit: "1" },
    createTime: toTimestamp(m.createMs / 1000),
    updateTime: toTimestamp(m.updateMs / 1000),
  };
}

export function logMetricsService(state: EmulatorState) {
  const s = logMetricsOf(state);
  const deny = (permission: string, name: string) => {
    if (!s.writable) throw permissionDenied(permission, name);
  };
  const implementation: UntypedServiceImplementation = {
    createLogMetric: unary((req: Obj) => {
      const parent = str(req.parent);
      checkParent(state, parent, "logging.logMetrics.create");
      deny("logging.logMetrics.create", parent);
      const m = checkMetric(req.metric as Obj | undefined);
      if (s.metrics.has(m.id)) throw new RpcError(status.ALREADY_EXISTS, `Metric ${m.id} already exists.`);
      const now = state.nowMs();
      const created: LogMetric = {
        name: m.id,
        description: m.description,
        filter: m.filter,
        parsed: m.parsed,
        createMs: now,
        updateMs: now,
        version: 1,
      };
      s.metrics.set(m.id, created);
      return wire(created);
    }),
    getLogMetric: unary((req: Obj) => {
      const id = metricId(state, str(req.metricName), "logging.logMetrics.get");
      const m = s.metrics.get(id);
      if (!m) throw new RpcError(status.NOT_FOUND, `Metric ${id} does not exist.`);
      return wire(m);
    }),
    listLogMetrics: unary((req: Obj) => {
      checkParent(state, str(req.parent), "logging.logMetrics.list");
      return { metrics: [...s.metrics.values()].map(wire), nextPageToken: "" };
    }),
    updateLogMetric: unary((req: Obj) => {
      const id = metricId(state, str(req.metricName), "logging.logMetrics.update");
      deny("logging.logMetrics.update", str(req.metricName));
      const m = checkMetric(req.metric as Obj | undefined);
      if (m.id !== id) throw invalidField("metric.name", m.id, `must match the metric in metric_name (${id}).`);
      const old = s.metrics.get(id);
      const now = state.nowMs();
      // Google's UpdateLogMetric creates the metric when it does not exist.
      const next: LogMetric = {
        name: id,
        description: m.description,
        filter: m.filter,
        parsed: m.parsed,
        createMs: old?.createMs ?? now,
        updateMs: now,
        version: (old?.version ?? 0) + 1,
      };
      s.metrics.set(id, next);
      return wire(next);
    }),
    deleteLogMetric: unary((req: Obj) => {
      const id = metricId(state, str(req.metricName), "logging.logMetrics.delete");
      deny("logging.logMetrics.delete", str(req.metricName));
      if (!s.metrics.delete(id)) throw new RpcError(status.NOT_FOUND, `Metric ${id} does not exist.`);
      return {};
    }),
  };
  return { definition: definition(), implementation };
}

/** The Monitoring view of a user metric, or undefined when no such log metric exists. */
export function userMetricSpec(state: EmulatorState, type: string): MetricSpec | undefined {
  if (!type.startsWith(USER_METRIC_PREFIX)) return undefined;
  const m = logMetricsOf(state).metrics.get(type.slice(USER_METRIC_PREFIX.length));
  if (!m) return undefined;
  return {
    type,
    displayName: m.name,
    description: m.description,
    metricKind: "DELTA",
    valueType: "INT64",
    unit: "1",
    resourceType: "cloud_run_revision",
    labels: [{ key: "log", description: "Name of the log that the entry came from." }],
  };
}

/**
 * One series per (service, log) with the count of matching entries in each minute; minutes
 * without a match have no point (Google writes no zero points for log-based metrics).
 */
export function userMetricSeries(state: EmulatorState, spec: MetricSpec): SeriesDef[] {
  const m = logMetricsOf(state).metrics.get(spec.type.slice(USER_METRIC_PREFIX.length));
  if (!m) return [];
  const countsAt = (minute: number) =>
    state.derived(minute, `log-metric:${m.name}:${m.version}`, () => {
      const counts = new Map<string, number>();
      for (const e of state.logs(minute)) {
        if (e.timestampMs < m.createMs || !matchesLogFilter(m.parsed, fieldsOf(state, e))) continue;
        const key = `${e.service}\u0000${e.logId}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return counts;
    });
  return state.world.services
    .filter((svc) => svc.deployed)
    .flatMap((svc) =>
      ["run.googleapis.com/stdout", "run.googleapis.com/stderr", "run.googleapis.com/varlog/system"].map((logId) => ({
        spec,
        metricLabels: { log: logId },
        resourceLabels: {
          project_id: state.world.projectId,
          service_name: svc.name,
          revision_name: revisionName(svc.name),
          location: state.world.region,
          configuration_name: svc.name,
        },
        valueAt: (minute: number) => countsAt(minute).get(`${svc.name}\u0000${logId}`) ?? null,
      })),
    );
}
