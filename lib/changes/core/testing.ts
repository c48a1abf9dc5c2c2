import type { AuditRecord } from "./types";

/** An Admin Activity record for tests: a successful one-entry change unless told otherwise. */
export function auditRecord(over: Partial<AuditRecord> & Pick<AuditRecord, "serviceName" | "methodName">): AuditRecord {
  return {
    insertId: `id-${over.methodName}-${over.timeMs ?? 0}`,
    timeMs: Date.parse("2026-12-06T14:00:00Z"),
    severity: "NOTICE",
    resourceType: "audited_resource",
    resourceLabels: {},
    operation: null,
    resourceName: "",
    principalEmail: "dana@example.com",
    status: null,
    request: null,
    response: null,
    metadata: null,
    ...over,
  };
}
