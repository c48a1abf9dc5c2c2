import { classify, methodVerb, type Classified } from "./details";
import type { AuditRecord, Change, ChangeOutcome } from "./types";

/**
 * Admin Activity entries → changes. A long-running operation writes a first and a last entry
 * with the same operation.id (Cloud Run deploys, connector and Cloud SQL updates): they are one
 * change with a duration; the outcome is the last entry's (severity ERROR or a non-zero status
 * is a failed change). An operation whose last entry has not arrived is still running.
 */

const failed = (r: AuditRecord) => r.severity === "ERROR" || (r.status !== null && r.status.code !== 0);

const shortImage = (image: string) => {
  const digest = /@sha256:([0-9a-f]{12})/.exec(image);
  return digest ? `sha256:${digest[1]}…` : (image.split("/").pop() ?? image);
};

const VERBS: Record<string, string> = {
  Create: "created",
  Replace: "updated",
  Update: "updated",
  Patch: "updated",
  Delete: "deleted",
  Restart: "restarted",
  Add: "added",
  Disable: "disabled",
  Destroy: "destroyed",
  Enable: "enabled",
};

export function summaryOf(c: Pick<Change, "kind" | "resource" | "details" | "method" | "outcome">): string {
  const d = c.details;
  const did = VERBS[methodVerb(c.method) ?? ""] ?? "changed";
  const tail = c.outcome === "failed" ? " (failed)" : c.outcome === "running" ? " (in progress)" : "";
  const name = c.resource.name;
  switch (c.kind) {
    case "deploy":
      return `${d.revision ?? name} deployed${d.image ? ` (${shortImage(d.image)})` : ""}${tail}`;
    case "traffic":
      return `${name}: traffic moved${d.revision ? ` to ${d.revision}` : ""}${tail}`;
    case "delete":
      return `${name} deleted${tail}`;
    case "connector": {
      const size = [
        d.machineType,
        d.minInstances !== undefined || d.maxInstances !== undefined
          ? `${d.minInstances ?? "?"}–${d.maxInstances ?? "?"} instances`
          : undefined,
      ].filter(Boolean);
      return `Connector ${name} ${did}${size.length ? ` to ${size.join(", ")}` : ""}${tail}`;
    }
    case "database": {
      const what = [d.tier ? `tier ${d.tier}` : undefined, ...(d.flags ?? [])].filter(Boolean);
      return `Cloud SQL ${name} ${did}${what.length ? ` (${what.join(", ")})` : ""}${tail}`;
    }
    case "secret":
      return `Secret ${name}: version ${d.secretVersion ?? "?"} ${did}${tail}`;
    case "iam":
      return `IAM policy of ${name} changed${tail}`;
  }
}

function toChange(id: string, entries: AuditRecord[], what: Classified): Change {
  const sorted = [...entries].sort((a, b) => a.timeMs - b.timeMs);
  const first = sorted[0] as AuditRecord;
  const lastEntry = sorted[sorted.length - 1] as AuditRecord;
  const longRunning = first.operation !== null;
  const ended = !longRunning || sorted.some((e) => e.operation?.last) || failed(lastEntry);
  const outcome: ChangeOutcome = sorted.some(failed) ? "failed" : ended ? "succeeded" : "running";
  const bad = sorted.find(failed);
  const endedAt = longRunning && ended && lastEntry !== first ? lastEntry.timeMs : null;
  // The last entry often carries what the first could not know yet (the revision created).
  const details = { ...what.details };
  for (const e of sorted.slice(1)) Object.assign(details, classify(e)?.details ?? {});
  const base = { kind: what.kind, resource: what.resource, details, method: first.methodName, outcome };
  return {
    id,
    ...base,
    startedAt: new Date(first.timeMs).toISOString(),
    endedAt: endedAt === null ? null : new Date(endedAt).toISOString(),
    durationMs: endedAt === null ? null : endedAt - first.timeMs,
    error: bad ? bad.status?.message || `${bad.severity} entry` : null,
    actor: sorted.find((e) => e.principalEmail)?.principalEmail ?? null,
    summary: summaryOf(base),
    insertIds: sorted.map((e) => e.insertId),
  };
}

/** Changes of the entries, newest first; entries that change nothing watched are dropped. */
export function changesFrom(records: readonly AuditRecord[]): Change[] {
  const groups = new Map<string, AuditRecord[]>();
  for (const r of records) {
    const key = r.operation ? `op:${r.operation.id}` : `entry:${r.insertId}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const changes: Change[] = [];
  for (const [key, entries] of groups) {
    const head = [...entries].sort((a, b) => a.timeMs - b.timeMs)[0];
    const what = head ? classify(head) : null;
    if (what) changes.push(toChange(key.slice(key.indexOf(":") + 1), entries, what));
  }
  return changes.sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt) || (a.id < b.id ? -1 : 1));
}
