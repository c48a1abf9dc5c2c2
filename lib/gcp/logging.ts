import "server-only";
import type { LoggingServiceV2Client, protos } from "@google-cloud/logging-api";
import { remainingMs, type CallBudget } from "./cache";
import { countUpstreamCall } from "./counter";
import { classify, type FailureEvent } from "@/lib/core/failure-causes";
import { entryQuery, failureQuery, logsExplorerUrl, MAX_MESSAGE } from "./failures";
import { toUpstreamError } from "./upstream-error";

export type LogEntry = protos.google.logging.v2.ILogEntry;
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

/** An entry's timestamp in epoch ms (int64 seconds arrive as strings), or null without one. */
export function entryTimeMs(e: LogEntry): number | null {
  const seconds = Number(String(e.timestamp?.seconds ?? ""));
  if (!e.timestamp || !Number.isFinite(seconds)) return null;
  return seconds * 1000 + Math.floor((e.timestamp.nanos ?? 0) / 1e6);
}

export function toFailureEvent(e: LogEntry, projectId: string, index: number): FailureEvent | null {
  const ms = entryTimeMs(e);
  if (ms === null) return null;
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

/**
 * Every entry of a query, newest first, page by page within the query's budget; at most
 * `maxPages` pages (the answer says whether it stopped short).
 */
export async function listEntries(
  client: LoggingServiceV2Client,
  projectId: string,
  filter: string,
  budget: CallBudget,
  onEntry: (entry: LogEntry) => void,
  maxPages = MAX_PAGES,
): Promise<{ truncated: boolean }> {
  let pageToken = "";
  for (let page = 0; page < maxPages; page++) {
    const timeout = remainingMs(budget, "logging");
    countUpstreamCall("listLogEntries");
    let response;
    try {
      [, , response] = await client.listLogEntries(
        { resourceNames: [`projects/${projectId}`], filter, orderBy: "timestamp desc", pageSize: PAGE_SIZE, pageToken },
        { autoPaginate: false, timeout, retry: { retryCodes: [] } },
      );
    } catch (err) {
      throw toUpstreamError(err, "logging");
    }
    for (const entry of response?.entries ?? []) onEntry(entry);
    pageToken = response?.nextPageToken ?? "";
    if (!pageToken) return { truncated: false };
  }
  return { truncated: true };
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
  const { truncated } = await listEntries(client, projectId, query, budget, (entry) => {
    const event = toFailureEvent(entry, projectId, events.length);
    if (event) events.push(event);
  });
  return { events, truncated, query };
}
