import type { UntypedServiceImplementation } from "@grpc/grpc-js";
import { revisionName, type ModelAuditEntry, type ModelLogEntry } from "./model";
import { AUDIT_LOG_TYPE_URL, encodeAuditLog } from "@/lib/gcp/audit-log";
import { hashInts } from "@/lib/what-if/core/model/prng";
import { invalidField } from "./grpc-errors";
import { matchesLogFilter, parseLogFilter, timestampBounds, type LogFields, type LogFilterNode } from "./log-filter";
import type { EmulatorState } from "./state";
import { unary } from "./unary";
import { decodeToken, encodeToken, permissionDenied, requestHash, toTimestamp } from "./wire";

/** google.logging.v2.LoggingServiceV2.ListLogEntries over the model's per-minute log lines. */

interface ListLogEntriesRequest {
  resourceNames?: string[];
  filter?: string;
  orderBy?: string;
  pageSize?: number;
  pageToken?: string;
}

/**
 * Cloud Logging stops a search after a while and returns what it found with a token to carry
 * on (possibly an empty page); the emulator does the same after scanning this many minutes.
 */
const SCAN_BUDGET_MINUTES = 2880;

export function fieldsOf(state: EmulatorState, e: ModelLogEntry): LogFields {
  const logName = `projects/${state.world.projectId}/logs/${encodeURIComponent(e.logId)}`;
  return {
    severity: e.severity,
    timestampMs: e.timestampMs,
    get(field) {
      switch (field) {
        case "resource.type":
          return "cloud_run_revision";
        case "resource.labels.service_name":
        case "resource.labels.configuration_name":
          return e.service;
        case "resource.labels.revision_name":
          return e.revision;
        case "resource.labels.location":
          return state.world.region;
        case "resource.labels.project_id":
          return state.world.projectId;
        case "textPayload":
          return e.text;
        case "logName":
          return logName;
        case "insertId":
          return e.insertId;
        case "labels.instanceId":
          return e.instanceId;
        case "receiveTimestamp":
          return new Date(e.timestampMs + receiveLagMs(e)).toISOString();
        default:
          return undefined;
      }
    },
  };
}

type AnyEntry = ModelLogEntry | ModelAuditEntry;
const isAudit = (e: AnyEntry): e is ModelAuditEntry => "audit" in e;

function auditFieldsOf(state: EmulatorState, e: ModelAuditEntry): LogFields {
  const logName = `projects/${state.world.projectId}/logs/${encodeURIComponent(e.logId)}`;
  return {
    severity: e.severity,
    timestampMs: e.timestampMs,
    get(field) {
      if (field.startsWith("resource.labels.")) return e.resource.labels[field.slice("resource.labels.".length)];
      switch (field) {
        case "resource.type":
          return e.resource.type;
        case "logName":
          return logName;
        case "insertId":
          return e.insertId;
        case "protoPayload.serviceName":
          return e.audit.serviceName;
        case "protoPayload.methodName":
          return e.audit.methodName;
        case "protoPayload.resourceName":
          return e.audit.resourceName;
        case "protoPayload.authenticationInfo.principalEmail":
          return e.audit.authenticationInfo.principalEmail;
        case "operation.id":
          return e.operation?.id;
        case "receiveTimestamp":
          return new Date(e.timestampMs + 900).toISOString();
        default:
          return undefined;
      }
    },
  };
}

function auditWireEntry(state: EmulatorState, e: ModelAuditEntry) {
  const { request, response, ...rest } = e.audit;
  return {
    logName: `projects/${state.world.projectId}/logs/${encodeURIComponent(e.logId)}`,
    resource: e.resource,
    timestamp: toTimestamp(e.timestampMs / 1000),
    receiveTimestamp: toTimestamp((e.timestampMs + 900) / 1000),
    severity: e.severity,
    insertId: e.insertId,
    ...(e.operation ? { operation: e.operation } : {}),
    protoPayload: {
      // protobufjs keeps google.protobuf.Any's field names as written in its .proto (type_url).
      type_url: AUDIT_LOG_TYPE_URL,
      value: encodeAuditLog({
        ...rest,
        ...(request ? { request: request as never } : {}),
        ...(response ? { response: response as never } : {}),
      }),
    },
  };
}

/**
 * True when the filter can only match entries the timeline's changes write: Admin Activity
 * entries (a logName= that names the audit log) or Cloud Run's DEPLOYMENT_ROLLOUT lines (no
 * start-up line of the model carries that text), in every branch of an OR.
 */
export function timelineOnly(filter: LogFilterNode | null): boolean {
  if (!filter) return false;
  switch (filter.op) {
    case "and":
      return filter.children.some(timelineOnly);
    case "or":
      return filter.children.every(timelineOnly);
    case "not":
      return false;
    case "compare":
      return (
        (filter.field === "logName" && filter.cmp === "=" && filter.value.includes("cloudaudit.googleapis.com")) ||
        (filter.field === "textPayload" &&
          (filter.cmp === ":" || filter.cmp === "=") &&
          filter.value.includes("DEPLOYMENT_ROLLOUT"))
      );
  }
}

function receiveLagMs(e: ModelLogEntry): number {
  return 300 + (hashInts(e.timestampMs, e.insertId.length) % 1700);
}

function wireEntry(state: EmulatorState, e: ModelLogEntry) {
  return {
    logName: `projects/${state.world.projectId}/logs/${encodeURIComponent(e.logId)}`,
    resource: {
      type: "cloud_run_revision",
      labels: {
        project_id: state.world.projectId,
        service_name: e.service,
        revision_name: e.revision || revisionName(e.service),
        location: state.world.region,
        configuration_name: e.service,
      },
    },
    timestamp: toTimestamp(e.timestampMs / 1000),
    receiveTimestamp: toTimestamp((e.timestampMs + receiveLagMs(e)) / 1000),
    severity: e.severity,
    insertId: e.insertId,
    textPayload: e.text,
    labels: { instanceId: e.instanceId },
  };
}

export function listLogEntries(state: EmulatorState, req: ListLogEntriesRequest) {
  const names = req.resourceNames ?? [];
  if (!names.length)
    throw invalidField("resourceNames", "", "At least one resource name, such as projects/PROJECT_ID, is required.");
  for (const name of names)
    if (name !== `projects/${state.world.projectId}`) throw permissionDenied("logging.logEntries.list", name);
  const pageSize = req.pageSize ?? 0;
  if (pageSize < 0 || pageSize > 1000)
    throw invalidField("pageSize", String(pageSize), "The page size must be between 0 and 1000.");
  const size = pageSize || 50;
  const orderBy = (req.orderBy ?? "").trim().toLowerCase();
  if (orderBy && orderBy !== "timestamp asc" && orderBy !== "timestamp desc") {
    throw invalidField("orderBy", req.orderBy ?? "", 'Only "timestamp asc" and "timestamp desc" are supported.');
  }
  const descending = orderBy === "timestamp desc";
  const filter = parseLogFilter(req.filter ?? "");
  const bounds = timestampBounds(filter);
  const hash = requestHash([names, req.filter ?? "", orderBy, size]);
  const cursor = req.pageToken ? decodeToken(req.pageToken, hash) : null;
  const nowMs = cursor?.t ?? state.nowMs();

  const fromMs = Math.max(bounds.from, state.historyStartMinute() * 60_000);
  const toMs = Math.min(bounds.to, nowMs);
  const firstMinute = Math.floor(fromMs / 60_000);
  const lastMinute = Math.floor(toMs / 60_000);
  const step = descending ? -1 : 1;
  let minute = cursor ? cursor.a : descending ? lastMinute : firstMinute;
  let index = cursor ? cursor.b : 0;
  const entries: (ReturnType<typeof wireEntry> | ReturnType<typeof auditWireEntry>)[] = [];
  // The timeline's entries are few; a query for them alone need not compute every Cloud Run line.
  const onlyTimeline = timelineOnly(filter);
  const entriesOf = (m: number): AnyEntry[] => {
    const timeline = state.timelineEntries(m);
    if (onlyTimeline) return timeline;
    if (!timeline.length) return state.logs(m);
    return [...state.logs(m), ...timeline].sort(
      (a, b) => a.timestampMs - b.timestampMs || (a.insertId < b.insertId ? -1 : a.insertId > b.insertId ? 1 : 0),
    );
  };
  let scanned = 0;

  while (minute >= firstMinute && minute <= lastMinute) {
    const all = entriesOf(minute);
    const ordered = descending ? [...all].reverse() : all;
    for (; index < ordered.length; index++) {
      const e = ordered[index];
      if (!e || e.timestampMs > toMs || e.timestampMs < fromMs) continue;
      if (!matchesLogFilter(filter, isAudit(e) ? auditFieldsOf(state, e) : fieldsOf(state, e))) continue;
      if (entries.length === size) {
        return { entries, nextPageToken: encodeToken({ a: minute, b: index, t: nowMs, h: hash }) };
      }
      entries.push(isAudit(e) ? auditWireEntry(state, e) : wireEntry(state, e));
    }
    minute += step;
    index = 0;
    scanned++;
    if (scanned >= SCAN_BUDGET_MINUTES && minute >= firstMinute && minute <= lastMinute) {
      return { entries, nextPageToken: encodeToken({ a: minute, b: 0, t: nowMs, h: hash }) };
    }
  }
  return { entries, nextPageToken: "" };
}

export function loggingServiceImplementation(state: EmulatorState): UntypedServiceImplementation {
  return {
    listLogEntries: unary((req: ListLogEntriesRequest) => listLogEntries(state, req)),
  };
}
