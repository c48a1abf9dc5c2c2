/**
 * The Logging queries that find start-up failure lines (their meaning is
 * lib/core/failure-causes.ts) and the Logs Explorer links that reproduce a query.
 * Pure: the Logging read lives in logging.ts.
 */

export const MAX_MESSAGE = 2_000;

const q = (v: string) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

// Field-qualified `:` (substring) terms rather than bare global search terms: cheaper for
// Cloud Logging, and the emulator's query subset understands them. Cloud Run's own lines are
// text payloads; the services may log structured JSON, so their terms check message too.
const APP_TERMS = [".s.PGSQL.", "Database initialization timeout", "handshake"];

/**
 * The lines that may be start-up failures: every error, plus the signatures that Cloud Run or
 * the services log below ERROR. A clean exit (exit(0)) below ERROR is an instance shutting down
 * (scale-in, a new revision taking over), not a failure; Cloud Run logs one that failed a
 * start-up at ERROR, and that one is read. The log-based failure metrics (log-metrics.ts) count
 * the same lines.
 */
export const FAILURE_CANDIDATES = `(${[
  "severity>=ERROR",
  `(textPayload:${q("Container called exit")} AND NOT textPayload:${q("Container called exit(0)")})`,
  `textPayload:${q("probe failed")}`,
  ...APP_TERMS.flatMap((t) => [`textPayload:${q(t)}`, `jsonPayload.message:${q(t)}`]),
].join(" OR ")})`;

/**
 * Cloud Run's Admin Activity entries carry resource.type "cloud_run_revision" too, and a failed
 * deploy's is an ERROR: a change (lib/gcp/changes.ts), not a failed start-up.
 */
export const NOT_AUDIT = `NOT logName:${q("cloudaudit.googleapis.com")}`;

/**
 * The Logging query for failure candidates in an interval: every error, plus the
 * signatures that Cloud Run or the services log below ERROR. Classification happens here,
 * not upstream, so one cached read serves every cause and service filter. Only the
 * configured services are read: other services in the project are none of this app's business.
 */
export function failureQuery(startMs: number, endMs: number, services: readonly string[] | null): string {
  return [
    `resource.type="cloud_run_revision"`,
    `timestamp>=${q(new Date(startMs).toISOString())}`,
    `timestamp<${q(new Date(endMs).toISOString())}`,
    NOT_AUDIT,
    // null: every service (tests of the read path without a config); [] matches nothing.
    ...(services === null
      ? []
      : [
          `(${services.length ? services.map((s) => `resource.labels.service_name=${q(s)}`).join(" OR ") : `resource.labels.service_name=""`})`,
        ]),
    FAILURE_CANDIDATES,
  ].join("\n");
}

/** The query for one entry: exact enough to land on it, with its own time bounds. */
export function entryQuery(e: {
  id: string;
  time: string;
  service: string | null;
  revision: string | null;
  hasInsertId: boolean;
}): string {
  const t = Date.parse(e.time);
  return [
    `resource.type="cloud_run_revision"`,
    ...(e.service ? [`resource.labels.service_name=${q(e.service)}`] : []),
    ...(e.revision ? [`resource.labels.revision_name=${q(e.revision)}`] : []),
    ...(e.hasInsertId ? [`insertId=${q(e.id)}`] : []),
    `timestamp>=${q(new Date(t - 1_000).toISOString())}`,
    `timestamp<=${q(new Date(t + 1_000).toISOString())}`,
  ].join("\n");
}

/**
 * Logs Explorer link. Timestamps sit inside the query, which makes the Console use them
 * instead of its time picker, so the link shows the same entries whenever it is opened.
 */
export function logsExplorerUrl(projectId: string, query: string): string {
  const enc = (s: string) =>
    encodeURIComponent(s).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `https://console.cloud.google.com/logs/query;query=${enc(query)}?project=${encodeURIComponent(projectId)}`;
}
