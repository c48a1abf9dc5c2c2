import type { UntypedServiceImplementation } from "@grpc/grpc-js";
import { metricCatalogue, metricSpec, resourceCatalogue, type LabelSpec } from "./model";
import { parseAggregation, type RawAggregation } from "./aggregation";
import { alignSeries, reduceSeries, windowCount } from "./align-reduce";
import { invalidField, unimplemented } from "./grpc-errors";
import { USER_METRIC_PREFIX, userMetricSeries, userMetricSpec } from "./log-metrics";
import { evaluate, parseMonitoringFilter, singleMetricType, type FilterNode } from "./monitoring-filter";
import { minuteRange, rawSeries, seriesFor } from "./series";
import type { EmulatorState } from "./state";
import type { Series } from "./types";
import {
  decodeToken,
  encodeToken,
  fromTimestamp,
  isoOf,
  permissionDenied,
  requestHash,
  wireSeries,
  type WireTimestamp,
} from "./wire";
import { unary } from "./unary";

/** google.monitoring.v3.MetricService: ListTimeSeries, ListMetricDescriptors, ListMonitoredResourceDescriptors. */

interface ListTimeSeriesRequest {
  name?: string;
  filter?: string;
  interval?: { startTime?: WireTimestamp | null; endTime?: WireTimestamp | null } | null;
  aggregation?: RawAggregation | null;
  secondaryAggregation?: RawAggregation | null;
  orderBy?: string;
  view?: string;
  pageSize?: number;
  pageToken?: string;
}

interface ListRequest {
  name?: string;
  filter?: string;
  pageSize?: number;
  pageToken?: string;
}

const MAX_PAGE = 100_000;

function checkProject(state: EmulatorState, name: string | undefined, permission: string): void {
  if (name !== `projects/${state.world.projectId}`) throw permissionDenied(permission, name ?? "");
}

function checkPageSize(pageSize: number | undefined): number {
  const size = pageSize ?? 0;
  if (size < 0) throw invalidField("pageSize", String(size), "The page size must not be negative.");
  return size === 0 || size > MAX_PAGE ? MAX_PAGE : size;
}

function labelsWire(labels: LabelSpec[]) {
  return labels.map((l) => ({ key: l.key, valueType: l.valueType ?? "STRING", description: l.description }));
}

function matchesDescriptor(
  filter: FilterNode | null,
  metricType: string | undefined,
  resourceType: string | undefined,
): boolean {
  return evaluate(filter, (selector) =>
    selector === "metric.type" ? metricType : selector === "resource.type" ? resourceType : undefined,
  );
}

/** Google returns the series sorted by their labels; any stable order serves the clients. */
function seriesKey(s: Series): string {
  return JSON.stringify([s.metric.labels, s.resource.labels]);
}

function paginate(
  series: Series[],
  headers: boolean,
  pageSize: number,
  start: { a: number; b: number },
  cursor: Omit<Parameters<typeof encodeToken>[0], "a" | "b">,
) {
  const out: ReturnType<typeof wireSeries>[] = [];
  if (headers) {
    const page = series.slice(start.a, start.a + pageSize);
    page.forEach((s) => out.push(wireSeries(s, [])));
    const next = start.a + pageSize;
    return { timeSeries: out, nextPageToken: next < series.length ? encodeToken({ ...cursor, a: next, b: 0 }) : "" };
  }
  let budget = pageSize;
  let a = start.a;
  let b = start.b;
  while (a < series.length && budget > 0) {
    const s = series[a];
    if (!s) break;
    const newestFirst = s.points.length - 1 - b;
    const take = Math.min(budget, newestFirst + 1);
    const points = [];
    for (let k = 0; k < take; k++) {
      const p = s.points[newestFirst - k];
      if (p) points.push(p);
    }
    out.push(wireSeries(s, points));
    budget -= take;
    b += take;
    if (b >= s.points.length) {
      a++;
      b = 0;
    }
  }
  return { timeSeries: out, nextPageToken: a < series.length ? encodeToken({ ...cursor, a, b }) : "" };
}

export function listTimeSeries(state: EmulatorState, req: ListTimeSeriesRequest) {
  checkProject(state, req.name, "monitoring.timeSeries.list");
  const filterText = req.filter ?? "";
  const filter = parseMonitoringFilter(filterText);
  const metricType = singleMetricType(filter, filterText);
  const end = fromTimestamp(req.interval?.endTime);
  if (end === undefined) throw invalidField("interval.endTime", "", "The end time of the interval is required.");
  const start = fromTimestamp(req.interval?.startTime) ?? end;
  if (start > end)
    throw invalidField(
      "interval.startTime",
      isoOf(start),
      `The start time must be before or equal to the end time (${isoOf(end)}).`,
    );
  if (req.orderBy) throw invalidField("orderBy", req.orderBy, "Unsupported: must be left blank.");
  const view = req.view ?? "FULL";
  const pageSize = checkPageSize(req.pageSize);
  const secondary = req.secondaryAggregation;
  if (secondary && (secondary.perSeriesAligner || secondary.crossSeriesReducer || secondary.alignmentPeriod))
    throw unimplemented("secondaryAggregation");

  const spec = metricSpec(metricType) ?? userMetricSpec(state, metricType);
  // Google answers a metric type without data with an empty list, not an error.
  if (!spec) return { timeSeries: [], nextPageToken: "", executionErrors: [], unit: "" };
  const agg = parseAggregation(req.aggregation, spec.metricKind, spec.valueType);

  const hash = requestHash([req.name, filterText, start, end, req.aggregation ?? null, view, req.pageSize ?? 0]);
  const cursor = req.pageToken
    ? decodeToken(req.pageToken, hash)
    : { a: 0, b: 0, t: state.visibleUntilSeconds(), h: hash };

  const rawStart = agg
    ? end - windowCount(start, end, agg.periodSeconds) * agg.periodSeconds - (spec.metricKind === "CUMULATIVE" ? 60 : 0)
    : start;
  const [fromMinute, toMinute] = minuteRange(spec, rawStart, end, state, cursor.t);
  const resolve =
    (labels: { metric: Record<string, string>; resource: Record<string, string> }) => (selector: string) => {
      if (selector === "metric.type") return spec.type;
      if (selector === "resource.type") return spec.resourceType;
      if (selector === "project") return state.world.projectId;
      if (selector.startsWith("metric.labels.")) return labels.metric[selector.slice(14)];
      if (selector.startsWith("resource.labels.")) return labels.resource[selector.slice(16)];
      return undefined;
    };
  const defs = spec.type.startsWith(USER_METRIC_PREFIX) ? userMetricSeries(state, spec) : seriesFor(state, spec);
  let series = defs
    .filter((d) => evaluate(filter, resolve({ metric: d.metricLabels, resource: d.resourceLabels })))
    .map((d) => rawSeries(d, fromMinute, toMinute));
  if (agg) {
    series = alignSeries(series, agg, start, end);
    if (agg.reducer !== "REDUCE_NONE") series = reduceSeries(series, agg, state.world.projectId);
  }
  series = series
    .filter((s) => s.points.length > 0)
    .sort((x, y) => (seriesKey(x) < seriesKey(y) ? -1 : seriesKey(x) > seriesKey(y) ? 1 : 0));
  const units = new Set(series.map((s) => s.unit));
  const page = paginate(series, view === "HEADERS", pageSize, cursor, { t: cursor.t, h: hash });
  return {
    ...page,
    executionErrors: [],
    unit: units.size === 1 ? ([...units][0] ?? "") : units.size > 1 ? "{not_a_unit}" : "",
  };
}

function pageOf<T>(items: T[], req: ListRequest, hashParts: unknown) {
  const size = checkPageSize(req.pageSize);
  const hash = requestHash(hashParts);
  const offset = req.pageToken ? decodeToken(req.pageToken, hash).a : 0;
  const next = offset + size;
  return {
    items: items.slice(offset, next),
    nextPageToken: next < items.length ? encodeToken({ a: next, b: 0, t: 0, h: hash }) : "",
  };
}

export function listMetricDescriptors(state: EmulatorState, req: ListRequest) {
  checkProject(state, req.name, "monitoring.metricDescriptors.list");
  const filter = parseMonitoringFilter(req.filter ?? "");
  const matching = metricCatalogue.filter((m) => matchesDescriptor(filter, m.type, m.resourceType));
  const { items, nextPageToken } = pageOf(matching, req, [req.name, req.filter ?? "", req.pageSize ?? 0]);
  return {
    metricDescriptors: items.map((m) => ({
      name: `projects/${state.world.projectId}/metricDescriptors/${m.type}`,
      type: m.type,
      labels: labelsWire(m.labels),
      metricKind: m.metricKind,
      valueType: m.valueType,
      unit: m.unit,
      description: m.description,
      displayName: m.displayName,
      launchStage: "GA",
      monitoredResourceTypes: [m.resourceType],
    })),
    nextPageToken,
  };
}

export function listMonitoredResourceDescriptors(state: EmulatorState, req: ListRequest) {
  checkProject(state, req.name, "monitoring.monitoredResourceDescriptors.list");
  const filter = parseMonitoringFilter(req.filter ?? "");
  const matching = resourceCatalogue.filter((r) => matchesDescriptor(filter, undefined, r.type));
  const { items, nextPageToken } = pageOf(matching, req, [req.name, req.filter ?? "", req.pageSize ?? 0]);
  return {
    resourceDescriptors: items.map((r) => ({
      name: `projects/${state.world.projectId}/monitoredResourceDescriptors/${r.type}`,
      type: r.type,
      displayName: r.displayName,
      description: r.description,
      labels: labelsWire(r.labels),
      launchStage: "GA",
    })),
    nextPageToken,
  };
}

export function metricServiceImplementation(state: EmulatorState): UntypedServiceImplementation {
  return {
    listTimeSeries: unary((req: ListTimeSeriesRequest) => listTimeSeries(state, req)),
    listMetricDescriptors: unary((req: ListRequest) => listMetricDescriptors(state, req)),
    listMonitoredResourceDescriptors: unary((req: ListRequest) => listMonitoredResourceDescriptors(state, req)),
  };
}
