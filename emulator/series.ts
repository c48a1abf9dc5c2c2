import {
  appDatabase,
  executionTimeSinceMinute,
  hashInts,
  metricCatalogue,
  revisionName,
  STARTUP_PROBE_TYPE,
  worldChanges,
  type MetricSpec,
} from "./model";
import { bucketBounds, distributionOf } from "./distribution";
import type { EmulatorState } from "./state";
import type { Labels, Point, Series, Value } from "./types";

/**
 * Every time series the emulated project has, per metric type, with a function from an epoch
 * minute to that minute's value (null = no point that minute, as for a counter with no events).
 */

export interface SeriesDef {
  spec: MetricSpec;
  metricLabels: Labels;
  resourceLabels: Labels;
  valueAt(minute: number): Value | null;
}

function runResource(state: EmulatorState, service: string): Labels {
  return {
    project_id: state.world.projectId,
    service_name: service,
    revision_name: revisionName(service),
    location: state.world.region,
    configuration_name: service,
  };
}

function nonZero(n: number): number | null {
  return n > 0 ? n : null;
}

/** A stable 12-digit project number for resource_container (Google uses numbers there). */
function projectNumber(projectId: string): string {
  return String(
    100_000_000_000 + (hashInts(projectId.length, ...[...projectId].map((c) => c.charCodeAt(0))) % 899_999_999_999),
  );
}

function build(state: EmulatorState, spec: MetricSpec): SeriesDef[] {
  const w = state.world;
  const connector: Labels = { project_id: w.projectId, location: w.connector.region, connector_name: w.connector.name };
  const database: Labels = {
    project_id: w.projectId,
    database_id: `${w.projectId}:${w.database.instanceId}`,
    region: w.region,
  };
  const def = (metricLabels: Labels, resourceLabels: Labels, valueAt: SeriesDef["valueAt"]): SeriesDef => ({
    spec,
    metricLabels,
    resourceLabels,
    valueAt,
  });
  const deployed = w.services.map((s, i) => ({ s, i })).filter(({ s }) => s.deployed);

  switch (spec.type) {
    case "run.googleapis.com/container/completed_probe_count":
      return deployed.flatMap(({ s, i }) => {
        const resource = runResource(state, s.name);
        const labels = (probeType: string, action: string, healthy: boolean, isDefault: boolean): Labels => ({
          probe_action: action,
          is_healthy: String(healthy),
          container_name: `${s.name}-1`,
          is_default: String(isDefault),
          probe_type: probeType,
        });
        return [
          def(labels(STARTUP_PROBE_TYPE, "TCP", true, true), resource, (m) =>
            nonZero(state.minute(m).services[i]?.startupHealthy ?? 0),
          ),
          def(labels(STARTUP_PROBE_TYPE, "TCP", false, true), resource, (m) =>
            nonZero(state.minute(m).services[i]?.startupUnhealthy ?? 0),
          ),
          def(labels("LIVENESS", "HTTP", true, false), resource, (m) =>
            nonZero(state.minute(m).services[i]?.livenessHealthy ?? 0),
          ),
        ];
      });
    case "run.googleapis.com/container/startup_latencies": {
      const options = spec.bucketOptions;
      if (!options) return [];
      const bounds = bucketBounds(options);
      return deployed.map(({ s, i }) =>
        def({}, runResource(state, s.name), (m) =>
          state.derived(m, `latency:${i}`, () => {
            const attempts = state.attempts(m, i);
            return attempts.length
              ? distributionOf(
                  attempts.map((a) => a.latencyMs),
                  options,
                  bounds,
                )
              : null;
          }),
        ),
      );
    }
    case "run.googleapis.com/container/instance_count":
      return deployed.flatMap(({ s, i }) => [
        def(
          { state: "active" },
          runResource(state, s.name),
          (m) => state.minute(m).services[i]?.instancesActive ?? null,
        ),
        def({ state: "idle" }, runResource(state, s.name), (m) => state.minute(m).services[i]?.instancesIdle ?? null),
      ]);
    case "vpcaccess.googleapis.com/connector/sent_bytes_count":
      return [def({}, connector, (m) => state.connector(m).sentBytes)];
    case "vpcaccess.googleapis.com/connector/received_bytes_count":
      return [def({}, connector, (m) => state.connector(m).receivedBytes)];
    case "vpcaccess.googleapis.com/connector/sent_packets_count":
      return [def({}, connector, (m) => state.connector(m).sentPackets)];
    case "vpcaccess.googleapis.com/connector/received_packets_count":
      return [def({}, connector, (m) => state.connector(m).receivedPackets)];
    case "vpcaccess.googleapis.com/connector/instances":
      return [def({}, connector, (m) => state.connector(m).instances)];
    case "vpcaccess.googleapis.com/connector/cpu/utilizations": {
      const options = spec.bucketOptions;
      if (!options) return [];
      return [
        def({}, connector, (m) =>
          state.derived(m, "connector-cpu", () => distributionOf(state.connector(m).cpuUtilizations, options)),
        ),
      ];
    }
    case "cloudsql.googleapis.com/database/up":
      return [def({}, database, (m) => state.database(m).up)];
    case "cloudsql.googleapis.com/database/postgresql/num_backends":
      return [appDatabase(w), "postgres"].map((name) =>
        def({ database: name }, database, (m) => state.database(m).backends[name] ?? null),
      );
    case "cloudsql.googleapis.com/database/cpu/utilization":
      return [def({}, database, (m) => state.database(m).cpuUtilization)];
    case "cloudsql.googleapis.com/database/memory/utilization":
      return [def({}, database, (m) => state.database(m).memoryUtilization)];
    case "cloudsql.googleapis.com/database/instance_state":
      return ["RUNNABLE", "MAINTENANCE", "FAILED"].map((st) =>
        def({ state: st }, database, (m) => state.database(m).state === st),
      );
    case "cloudsql.googleapis.com/database/postgresql/insights/aggregate/execution_time": {
      const resource: Labels = {
        resource_container: `projects/${projectNumber(w.projectId)}`,
        location: w.region,
        resource_id: `${w.projectId}:${w.database.instanceId}`,
        database: appDatabase(w),
      };
      return [
        def(
          { user: `${appDatabase(w)}_app`, client_addr: "10.8.0.2" },
          resource,
          (m) => state.database(m).executionTimeUs,
        ),
      ];
    }
    default:
      return [];
  }
}

/**
 * Cloud Run writes one series per revision: a service's series is split at each deploy of the
 * timeline, every minute's point going to the revision that served it then.
 */
function splitByRevision(state: EmulatorState, spec: MetricSpec, defs: SeriesDef[]): SeriesDef[] {
  if (spec.resourceType !== "cloud_run_revision") return defs;
  const changes = worldChanges(state.world, state.timeline, state.seed);
  return defs.flatMap((d) => {
    const service = d.resourceLabels.service_name ?? "";
    const spans = changes.revisions.get(service) ?? [];
    const index = state.world.services.findIndex((s) => s.name === service);
    if (spans.length <= 1 || index < 0) return [d];
    return spans.map((span) => ({
      ...d,
      resourceLabels: { ...d.resourceLabels, revision_name: span.name },
      valueAt: (m: number) => (state.minute(m).services[index]?.revision === span.name ? d.valueAt(m) : null),
    }));
  });
}

// Keyed by the minute model: a scenario switch replaces it, and with it the revisions.
const cache = new WeakMap<EmulatorState["model"], Map<string, SeriesDef[]>>();

export function seriesFor(state: EmulatorState, spec: MetricSpec): SeriesDef[] {
  let perModel = cache.get(state.model);
  if (!perModel) {
    perModel = new Map();
    cache.set(state.model, perModel);
  }
  let defs = perModel.get(spec.type);
  if (!defs) {
    defs = splitByRevision(state, spec, build(state, spec));
    perModel.set(spec.type, defs);
  }
  return defs;
}

/** Minutes whose points end inside the interval ((start, end] for DELTA/CUMULATIVE, [start, end] for GAUGE). */
export function minuteRange(
  spec: MetricSpec,
  startSeconds: number,
  endSeconds: number,
  state: EmulatorState,
  visibleUntilSeconds: number,
): [number, number] {
  const first = spec.metricKind === "GAUGE" ? Math.ceil(startSeconds / 60) - 1 : Math.floor(startSeconds / 60);
  const last = Math.floor(Math.min(endSeconds, visibleUntilSeconds) / 60) - 1;
  return [Math.max(first, state.historyStartMinute()), last];
}

/** Raw points of one series in [fromMinute, toMinute], oldest first. */
export function rawSeries(def: SeriesDef, fromMinute: number, toMinute: number): Series {
  const spec = def.spec;
  const points: Point[] = [];
  for (let m = fromMinute; m <= toMinute; m++) {
    const value = def.valueAt(m);
    if (value === null) continue;
    const end = (m + 1) * 60;
    const start =
      spec.metricKind === "GAUGE" ? end : spec.metricKind === "DELTA" ? m * 60 : executionTimeSinceMinute * 60;
    points.push({ start, end, value });
  }
  return {
    metric: { type: spec.type, labels: def.metricLabels },
    resource: { type: spec.resourceType, labels: def.resourceLabels },
    kind: spec.metricKind,
    valueType: spec.valueType,
    unit: spec.unit,
    points,
  };
}

export { metricCatalogue };
