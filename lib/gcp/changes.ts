import "server-only";
import type { LoggingServiceV2Client } from "@google-cloud/logging-api";
import { changesFrom } from "@/lib/health/changes/audit";
import type { AuditRecord, Change } from "@/lib/health/changes/types";
import { decodeAuditLog } from "./audit-log";
import type { CallBudget } from "./cache";
import { logsExplorerUrl } from "./failures";
import { entryTimeMs, listEntries, type LogEntry } from "./logging";

/**
 * Changes to staging from the Admin Activity audit log: Cloud Run, the Serverless VPC Access
 * connector, Cloud SQL, Secret Manager and the project's IAM policy. One query for all of them,
 * so one Logging read serves every view, filter and viewer (through the shared cache).
 */

export type ChangeRead = { changes: Change[]; truncated: boolean; query: string };

const q = (v: string) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

export const WATCHED_SERVICES = [
  "run.googleapis.com",
  "vpcaccess.googleapis.com",
  "cloudsql.googleapis.com",
  "secretmanager.googleapis.com",
] as const;

export function activityLogName(projectId: string): string {
  return `projects/${projectId}/logs/cloudaudit.googleapis.com%2Factivity`;
}

export function changeQuery(projectId: string, startMs: number, endMs: number): string {
  return [
    `logName=${q(activityLogName(projectId))}`,
    `timestamp>=${q(new Date(startMs).toISOString())}`,
    `timestamp<${q(new Date(endMs).toISOString())}`,
    `(${[...WATCHED_SERVICES.map((s) => `protoPayload.serviceName=${q(s)}`), `protoPayload.methodName:${q("SetIamPolicy")}`].join(" OR ")})`,
  ].join("\n");
}

/** The Logs Explorer query that lands on one change's entries. */
export function changeEntriesQuery(projectId: string, c: Change): string {
  const start = Date.parse(c.startedAt);
  const end = c.endedAt ? Date.parse(c.endedAt) : start;
  return [
    `logName=${q(activityLogName(projectId))}`,
    `(${c.insertIds.map((id) => `insertId=${q(id)}`).join(" OR ")})`,
    `timestamp>=${q(new Date(start - 1_000).toISOString())}`,
    `timestamp<=${q(new Date(end + 1_000).toISOString())}`,
  ].join("\n");
}

export function changeExplorerUrl(projectId: string, c: Change): string {
  return logsExplorerUrl(projectId, changeEntriesQuery(projectId, c));
}

/** One LogEntry with an AuditLog payload → the record the core reads; null for anything else. */
export function toAuditRecord(e: LogEntry): AuditRecord | null {
  const timeMs = entryTimeMs(e);
  const payload = e.protoPayload ? decodeAuditLog(e.protoPayload) : null;
  if (timeMs === null || !payload || !e.insertId) return null;
  const op = e.operation;
  return {
    insertId: e.insertId,
    timeMs,
    severity: typeof e.severity === "string" ? e.severity : "DEFAULT",
    resourceType: e.resource?.type ?? "",
    resourceLabels: { ...(e.resource?.labels ?? {}) },
    operation: op?.id
      ? { id: op.id, producer: op.producer ?? "", first: Boolean(op.first), last: Boolean(op.last) }
      : null,
    serviceName: payload.serviceName,
    methodName: payload.methodName,
    resourceName: payload.resourceName,
    principalEmail: payload.authenticationInfo?.principalEmail || null,
    status: payload.status && payload.status.code !== 0 ? payload.status : null,
    request: payload.request ?? null,
    response: payload.response ?? null,
    metadata: payload.metadata ?? null,
  };
}

/** Changes that started in [startMs, endMs), newest first. */
export async function readChanges(
  client: LoggingServiceV2Client,
  projectId: string,
  interval: { startMs: number; endMs: number },
  budget: CallBudget,
): Promise<ChangeRead> {
  const query = changeQuery(projectId, interval.startMs, interval.endMs);
  const records: AuditRecord[] = [];
  const { truncated } = await listEntries(client, projectId, query, budget, (entry) => {
    const r = toAuditRecord(entry);
    if (r) records.push(r);
  });
  return { changes: changesFrom(records), truncated, query };
}
