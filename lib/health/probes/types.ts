import type { ProbeConfig } from "@/lib/health/config/staging-schema";
import type { RehearsalDetail } from "@/lib/health/rehearsal/types";

/**
 * Shapes shared by the probe engine, the store, the API and the Probes view. Times on the
 * wire are ISO strings; durations are milliseconds.
 */

export type ProbeType = ProbeConfig["type"];

/** The outcome of one attempt. `missing` = nothing there (refused on loopback, NXDOMAIN), not slow. */
export type AttemptStatus = "up" | "degraded" | "down" | "missing";

/** What a probe is shown as: its flap-controlled state, `unknown` before any result, or `flapping`. */
export type ProbeStatus = AttemptStatus | "unknown" | "flapping";

export const PROBE_STATUS_VALUES = ["up", "degraded", "down", "missing", "unknown", "flapping"] as const;

/** Why an attempt failed, as precisely as the socket, TLS, HTTP or PostgreSQL layer tells us. */
export type ErrorClass =
  | "refused"
  | "timeout"
  | "socket-timeout"
  | "unreachable"
  | "nxdomain"
  | "dns"
  | "tls"
  | "reset"
  | "http-status"
  | "redirect-limit"
  | "redirect-refused"
  | "body-too-large"
  | "auth-failed"
  | "too-many-connections"
  | "query-timeout"
  | "jwt-rejected"
  | "handshake-rejected"
  | "no-first-message"
  | "conditions"
  | "step-failed"
  | "journey-deadline"
  | "browser-crashed"
  | "config"
  | "internal";

export interface PhaseTiming {
  /** One of PROBE_PHASES (dns, connect, tls, first-byte, auth, first-query, upgrade, first-message, total). */
  phase: string;
  /** Start relative to the attempt's start, and duration. */
  startMs: number;
  durationMs: number;
}

export interface ConditionResult {
  condition: string;
  /** null when it could not be evaluated (the attempt failed before the value existed). */
  passed: boolean | null;
  /** The value it was evaluated on, as text (e.g. "503", "1.2 s", "\"DOWN\""). */
  value: string | null;
  /** Set for latency conditions: failing them makes the target degraded rather than down. */
  soft: boolean;
  error?: string;
}

export interface ProbeResult {
  probe: string;
  type: ProbeType;
  status: AttemptStatus;
  checkedAt: string;
  /** Whole attempt, wall clock. */
  durationMs: number;
  phases: PhaseTiming[];
  /** The phase that failed, or null when every phase completed. */
  failedPhase: string | null;
  errorClass: ErrorClass | null;
  errorMessage: string | null;
  conditions: ConditionResult[];
  /** Facts for engineers: HTTP status, bytes read, whether the body cap was hit, redirects, … */
  details: Record<string, string | number | boolean>;
}

export interface StateChange {
  probe: string;
  at: string;
  from: ProbeStatus;
  to: ProbeStatus;
  reason: string;
}

export interface ProbeSummary {
  name: string;
  type: ProbeType;
  description: string | null;
  goldenPath: boolean;
  dependsOn: string[];
  /** The service it checks (a maintenance window of that service covers it); null when not set. */
  service: string | null;
  /** Flap-controlled status; `unknown` until the first result and when the last one is stale. */
  status: ProbeStatus;
  /** The last result is older than three intervals: the target is not being checked. */
  stale: boolean;
  flapping: boolean;
  /** Status of the last attempt (may differ from `status` while flap control waits). */
  lastAttemptStatus: AttemptStatus | null;
  lastCheckedAt: string | null;
  lastLatencyMs: number | null;
  lastError: string | null;
  uptime24h: number | null;
  uptime7d: number | null;
  p95Ms24h: number | null;
  /** The failing dependency when it and this probe both fail. */
  suspectedCause: string | null;
  intervalSeconds: number;
}

export interface PhaseStats {
  phase: string;
  n: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface ProbeDetail {
  summary: ProbeSummary;
  /** Where it points, without credentials, headers or query strings. */
  target: string;
  timeoutMs: number;
  conditions: string[];
  lastResult: ProbeResult | null;
  changes: StateChange[];
  uptime: { "1h": number | null; "24h": number | null; "7d": number | null; "30d": number | null };
  /** Latency per phase over the last 24 hours, from the roll-ups. */
  phases24h: PhaseStats[];
  /** Browser probes only: the journey, its latest run (step waterfall, screenshots) and run history. */
  rehearsal?: RehearsalDetail;
}

export interface HistoryPoint {
  t: string;
  checks: number;
  up: number;
  uptime: number | null;
  p50: number | null;
  p95: number | null;
  max: number | null;
}

export interface ProbeHistory {
  probe: string;
  from: string;
  to: string;
  stepSeconds: number;
  points: HistoryPoint[];
}

export interface ProbesResponse {
  generatedAt: string;
  probes: ProbeSummary[];
}

export interface RunNowResponse {
  result: ProbeResult | null;
}
