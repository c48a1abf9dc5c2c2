/**
 * A change to staging as Cloud Audit Logs record it (Admin Activity): one Cloud Run deploy,
 * connector resize, Cloud SQL patch, secret version or IAM policy edit. The adapter
 * (lib/gcp/changes.ts) decodes Google's AuditLog entries into `AuditRecord`s; `changesFrom`
 * (audit.ts) folds them into changes. Pure data.
 */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** One Admin Activity entry, decoded: the LogEntry's own fields and its AuditLog payload. */
export type AuditRecord = {
  insertId: string;
  timeMs: number;
  severity: string;
  resourceType: string;
  resourceLabels: Record<string, string>;
  /** LogEntry.operation: a long-running operation writes a first and a last entry with one id. */
  operation: { id: string; producer: string; first: boolean; last: boolean } | null;
  serviceName: string;
  methodName: string;
  resourceName: string;
  principalEmail: string | null;
  /** google.rpc.Status; code 0 or absent is success. */
  status: { code: number; message: string } | null;
  request: JsonObject | null;
  response: JsonObject | null;
  metadata: JsonObject | null;
};

export const CHANGE_KINDS = ["deploy", "traffic", "delete", "connector", "database", "secret", "iam"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const RESOURCE_TYPES = ["service", "connector", "database", "secret", "project"] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export type ChangeOutcome = "succeeded" | "failed" | "running";

/** What moved, as far as the entries say (absent: the entry did not carry it). */
export type ChangeDetails = {
  revision?: string;
  previousRevision?: string;
  image?: string;
  machineType?: string;
  minInstances?: number;
  maxInstances?: number;
  tier?: string;
  flags?: string[];
  secretVersion?: string;
  /** When Cloud Run started the revision's first instance for the rollout (traffic moved). */
  trafficMovedAt?: string;
};

export type Change = {
  /** The operation id of a long-running change, else the entry's insertId. */
  id: string;
  kind: ChangeKind;
  resource: { type: ResourceType; name: string };
  method: string;
  startedAt: string;
  /** When the last entry of its operation was written; null while running or for a one-entry change. */
  endedAt: string | null;
  durationMs: number | null;
  outcome: ChangeOutcome;
  /** Google's status message of a failed change. */
  error: string | null;
  /** authenticationInfo.principalEmail; only engineers and admins see it (lib/metrics/changes.ts). */
  actor: string | null;
  /** One line a person reads: "backend-00042-xqf deployed (sha256:1f2e…)". */
  summary: string;
  details: ChangeDetails;
  /** The entries it was built from (for the Logs Explorer link). */
  insertIds: string[];
};
