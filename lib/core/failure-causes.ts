/**
 * What a start-up failure log line means: the signatures of DESIGN.md's incident, first match
 * wins, and the counts per cause in aligned windows. Pure; the Logging queries that find the
 * lines are lib/gcp/failures.ts, the read is lib/gcp/logging.ts.
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

export type CauseCounts = Record<Cause, number>;
export type FailureWindow = { t: number; counts: CauseCounts };
/** Totals per cause over a range, and per aligned window of it. */
export type FailureCounts = { totals: CauseCounts; windows: FailureWindow[] };
/** All services, and each service that had a failure in the range. */
export type FailureCountsByService = FailureCounts & { byService: Record<string, FailureCounts> };

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
  interval: { startMs: number; endMs: number; periodSeconds: number },
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
