import "server-only";
import type { LoggingServiceV2Client, protos } from "@google-cloud/logging-api";
import { remainingMs, type CallBudget } from "./cache";
import { countUpstreamCall } from "./counter";
import { classify, type FailureEvent } from "@/lib/health/failure-causes";
import { entryQuery, failureQuery, logsExplorerUrl, MAX_MESSAGE } from "./failures";
import { toUpstreamError } from "./upstream-error";

type LogEntry = protos.google.logging.v2.ILogEntry;
type Value = protos.google.protobuf.IValue;

export const PAGE_SIZE = 1_000;
/** 5,000 failures in one range is already "everything is failing"; more adds no insight. */
export const MAX_PAGES = 5;

export type FailureRead = { events: FailureEvent[]; truncated: boolean; query: string };

function stringField(fields: Record<string, Value> | null | undefined, ...names: string[]): string | null {
  for (const n of names) {
    const v = fields?.[n]?.stringValue;
    if (v) return v;
  }
  return null;
}

/** The human line of an entry: text payload, or the usual message keys of a JSON payload. */
export function entryMessage(e: LogEntry): string {
  if (e.textPayload) return e.textPayload;
  const fields = e.jsonPayload?.fields;
  const msg = stringField(fields, "message", "msg", "textPayload", "error");
  if (msg) return msg;
  return e.jsonPayload ? JSON.stringify(e.jsonPayload) : "";
}

export function toFailureEvent(e: LogEntry, projectId: string, index: number): FailureEvent | null {
  const seconds = Number(String(e.timestamp?.seconds ?? ""));
  if (!e.timestamp || !Number.isFinite(seconds)) return null;
  const ms = seconds * 1000 + Math.floor((e.timestamp.nanos ?? 0) / 1e6);
  const time = new Date(ms).toISOString();
  const service = e.resource?.labels?.service_name || null;
  const revision = e.resource?.labels?.revision_name || null;
  const message = entryMessage(e);
  const hasInsertId = Boolean(e.insertId);
  const id = e.insertId || `${ms}-${index}`;
  return {
    id,
    cause: classify(message),
    service,
    revision,
    time,
    severity: typeof e.severity === "string" ? e.severity : "DEFAULT",
    message: message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message,
    explorerUrl: logsExplorerUrl(projectId, entryQuery({ id, time, service, revision, hasInsertId })),
  };
}

/** Failure candidates in [startMs, endMs), newest first, classified. */
export async function readFailureEvents(
  client: LoggingServiceV2Client,
  projectId: string,
  interval: { startMs: number; endMs: number },
  budget: CallBudget,
  services: readonly string[] | null,
): Promise<FailureRead> {
  const query = failureQuery(interval.startMs, interval.endMs, services);
  const events: FailureEvent[] = [];
  let pageToken = "";
  for (let page = 0; page < MAX_PAGES; page++) {
    const timeout = remainingMs(budget, "logging");
    countUpstreamCall("listLogEntries");
    let response;
    try {
      [, , response] = await client.listLogEntries(
        {
          resourceNames: [`projects/${projectId}`],
          filter: query,
          orderBy: "timestamp desc",
          pageSize: PAGE_SIZE,
          pageToken,
        },
        { autoPaginate: false, timeout, retry: { retryCodes: [] } },
      );
    } catch (err) {
      throw toUpstreamError(err, "logging");
    }
    for (const entry of response?.entries ?? []) {
      const event = toFailureEvent(entry, projectId, events.length);
      if (event) events.push(event);
    }
    pageToken = response?.nextPageToken ?? "";
    if (!pageToken) return { events, truncated: false, query };
  }
  return { events, truncated: true, query };
}
