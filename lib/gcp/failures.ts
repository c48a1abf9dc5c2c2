import type { AlignedInterval } from "./alignment";

/**
 * Start-up failure signatures (DESIGN.md) and the Logs Explorer links that reproduce a query.
 * Pure: the Logging read lives in logging.ts.
 */

export const CAUSES = ["db-socket-timeout", "exit-code", "startup-probe-failed", "jwt-handshake", "other"] as const;
export type Cause = (typeof CAUSES)[number];

export type FailureEvent = {
  /** Cloud Logging's insertId (or a stand-in when the entry had none). */
  id: string;
  cause: Cause;
  service: string | null;
  revision: string | null;
  /** ISO 8601. */
  time: string;
  severity: string;
  /** The log line (truncated to MAX_MESSAGE characters). */
  message: string;
  /** Opens this entry in the Cloud Console Logs Explorer. */
  explorerUrl: string;
};

export const MAX_MESSAGE = 2_000;

type Signature = { cause: Cause; test: (line: string) => boolean };

/** First match wins; the order puts the specific root cause before its consequences. */
const SIGNATURES: Signature[] = [
  {
    // Socket errors on /cloudsql/PROJECT:REGION:INSTANCE/.s.PGSQL.5432, or the app's own timeout.
    cause: "db-socket-timeout",
    test: (l) =>
      /\/cloudsql\/[^\s/]+:[^\s/]+:[^\s/]+\/\.s\.PGSQL\.\d+/.test(l) ||
      /Database initialization timeout after \d+(\.\d+)?\s*s/i.test(l),
  },
  {
    // WebSocket handshake refused because auth and backend sign JWTs with different secrets.
    cause: "jwt-handshake",
    test: (l) => /(web ?socket|handshake)/i.test(l) && /(jwt|token|signature|secret)/i.test(l),
  },
  { cause: "startup-probe-failed", test: (l) => /STARTUP (TCP|HTTP|GRPC) probe failed/i.test(l) },
  {
    // exit(0) is a clean shutdown (scale-in), not a failure.
    cause: "exit-code",
    test: (l) => /Container called exit\([1-9]\d*\)/.test(l),
  },
];

export function classify(line: string): Cause {
  return SIGNATURES.find((s) => s.test(line))?.cause ?? "other";
}

const q = (v: string) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

// Field-qualified `:` (substring) terms rather than bare global search terms: cheaper for
// Cloud Logging, and the emulator's query subset understands them. Cloud Run's own lines are
// text payloads; the services may log structured JSON, so their terms check message too.
const SYSTEM_TERMS = ["Container called exit", "probe failed"];
const APP_TERMS = [".s.PGSQL.", "Database initialization timeout", "handshake"];

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
    // null: every service (tests of the read path without a config); [] matches nothing.
    ...(services === null
      ? []
      : [
          `(${services.length ? services.map((s) => `resource.labels.service_name=${q(s)}`).join(" OR ") : `resource.labels.service_name=""`})`,
        ]),
    `(${["severity>=ERROR", ...SYSTEM_TERMS.map((t) => `textPayload:${q(t)}`), ...APP_TERMS.flatMap((t) => [`textPayload:${q(t)}`, `jsonPayload.message:${q(t)}`])].join(" OR ")})`,
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

export type CauseCounts = Record<Cause, number>;
export type FailureWindow = { t: number; counts: CauseCounts };

export const zeroCounts = (): CauseCounts => ({
  "db-socket-timeout": 0,
  "exit-code": 0,
  "startup-probe-failed": 0,
  "jwt-handshake": 0,
  other: 0,
});

/**
 * Events counted per cause in each aligned window (t = window end, like Monitoring points),
 * so failure bars line up with the metric charts of the same range.
 */
export function countByWindow(
  events: Pick<FailureEvent, "cause" | "time">[],
  interval: AlignedInterval,
): { totals: CauseCounts; windows: FailureWindow[] } {
  const periodMs = interval.periodSeconds * 1000;
  const n = Math.max(0, Math.round((interval.endMs - interval.startMs) / periodMs));
  const windows: FailureWindow[] = Array.from({ length: n }, (_, i) => ({
    t: interval.startMs + (i + 1) * periodMs,
    counts: zeroCounts(),
  }));
  const totals = zeroCounts();
  for (const e of events) {
    const t = Date.parse(e.time);
    if (!(t >= interval.startMs && t < interval.endMs)) continue;
    totals[e.cause] += 1;
    const w = windows[Math.floor((t - interval.startMs) / periodMs)];
    if (w) w.counts[e.cause] += 1;
  }
  return { totals, windows };
}
