import "server-only";
import type { LoggingServiceV2Client } from "@google-cloud/logging-api";
import { changesFrom } from "@/lib/changes/core/audit";
import { ROLLOUT_REASON, withRollouts, type RolloutRecord } from "@/lib/changes/core/rollout";
import type { AuditRecord, Change } from "@/lib/changes/core/types";
import { decodeAuditLog } from "./audit-log";
import type { CallBudget } from "./cache";
import { logsExplorerUrl } from "./failures";
import { entryTimeMs, listEntries, type LogEntry } from "./logging";

/**
 * Changes to staging from the Admin Activity audit log: Cloud Run, the Serverless VPC Access
 * connector, Cloud SQL, Secret Manager and the project's IAM policy; and Cloud Run's own
 * "Starting new instance. Reason: DEPLOYMENT_ROLLOUT" lines, the moment a deploy's traffic moved.
 * One query for all of them, so one Logging read serves every view, filter and viewer (through
 * the shared cache).
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

export function systemLogName(projectId: string): string {
  return `projects/${projectId}/logs/run.googleapis.com%2Fvarlog%2Fsystem`;
}

export function changeQuery(projectId: string, startMs: number, endMs: number): string {
  const audit = [
    `logName=${q(activityLogName(projectId))}`,
    `(${[...WATCHED_SERVICES.map((s) => `protoPayload.serviceName=${q(s)}`), `protoPayload.methodName:${q("SetIamPolicy")}`].join(" OR ")})`,
  ].join(" AND ");
  const rollout = [
    `logName=${q(systemLogName(projectId))}`,
    `resource.type="cloud_run_revision"`,
    `textPayload:${q(`Reason: ${ROLLOUT_REASON}`)}`,
  ].join(" AND ");
  return [
    `timestamp>=${q(new Date(startMs).toISOString())}`,
    `timestamp<${q(new Date(endMs).toISOString())}`,
    `((${audit})\nOR (${rollout}))`,
  ].join("\n");
}

/** The Logs Explorer query that lands on one change's entries (audit entries and its rollout line). */
export function changeEntriesQuery(c: Change): string {
  const start = Date.parse(c.startedAt);
  const end = Math.max(
    ...[c.endedAt, c.details.trafficMovedAt].filter((t): t is string => Boolean(t)).map((t) => Date.parse(t)),
    start,
  );
  return [
    `(${c.insertIds.map((id) => `insertId=${q(id)}`).join(" OR ")})`,
    `timestamp>=${q(new Date(start - 1_000).toISOString())}`,
    `timestamp<=${q(new Date(end + 1_000).toISOString())}`,
  ].join("\n");
}

export function changeExplorerUrl(projectId: string, c: Change): string {
  return logsExplorerUrl(projectId, changeEntriesQuery(c));
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

/** A DEPLOYMENT_ROLLOUT line of a Cloud Run revision → its record; null for anything else. */
export function toRolloutRecord(e: LogEntry): RolloutRecord | null {
  const timeMs = entryTimeMs(e);
  const service = e.resource?.labels?.service_name;
  const revision = e.resource?.labels?.revision_name;
  if (timeMs === null || !e.insertId || !service || !revision) return null;
  if (!(e.textPayload ?? "").includes(`Reason: ${ROLLOUT_REASON}`)) return null;
  return { insertId: e.insertId, timeMs, service, revision };
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
  const rollouts: RolloutRecord[] = [];
  const { truncated } = await listEntries(client, projectId, query, budget, (entry) => {
    if (entry.protoPayload) {
      const r = toAuditRecord(entry);
      if (r) records.push(r);
      return;
    }
    const rollout = toRolloutRecord(entry);
    if (rollout) rollouts.push(rollout);
  });
  return { changes: withRollouts(changesFrom(records), rollouts), truncated, query };
}
