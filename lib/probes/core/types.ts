import { z } from "zod";
import { conditionResultSchema } from "@/lib/conditions/core/result";
import type { ProbeConfig } from "@/lib/config/core/staging-schema";
import { rehearsalDetailSchema } from "@/lib/rehearsal/core/types";

/**
 * Shapes shared by the probe engine, the store, the API and the Probes view. Times on the
 * wire are ISO strings; durations are milliseconds. Each shape is a zod schema and its type
 * is the schema's output, so the API contract (lib/api/contract) documents what this file says.
 */

/** The probe types of the staging config (the check below fails the build when one is added there only). */
export const probeTypeSchema = z.enum(["http", "tcp", "postgres", "websocket", "dns", "browser"]);
export type ProbeType = z.infer<typeof probeTypeSchema>;
const sameProbeTypes: [ProbeType, ProbeConfig["type"]] extends [ProbeConfig["type"], ProbeType] ? true : never = true;
void sameProbeTypes;

/** The outcome of one attempt. `missing` = nothing there (refused on loopback, NXDOMAIN), not slow. */
export const attemptStatusSchema = z.enum(["up", "degraded", "down", "missing"]);
export type AttemptStatus = z.infer<typeof attemptStatusSchema>;

export const PROBE_STATUS_VALUES = ["up", "degraded", "down", "missing", "unknown", "flapping"] as const;
/** What a probe is shown as: its flap-controlled state, `unknown` before any result, or `flapping`. */
export const probeStatusSchema = z.enum(PROBE_STATUS_VALUES);
export type ProbeStatus = z.infer<typeof probeStatusSchema>;

/** Why an attempt failed, as precisely as the socket, TLS, HTTP or PostgreSQL layer tells us. */
export const errorClassSchema = z.enum([
  "refused",
  "timeout",
  "socket-timeout",
  "unreachable",
  "nxdomain",
  "dns",
  "tls",
  "reset",
  "http-status",
  "redirect-limit",
  "redirect-refused",
  "body-too-large",
  "auth-failed",
  "too-many-connections",
  "query-timeout",
  "jwt-rejected",
  "handshake-rejected",
  "no-first-message",
  "conditions",
  "step-failed",
  "journey-deadline",
  "browser-crashed",
  "config",
  "internal",
]);
export type ErrorClass = z.infer<typeof errorClassSchema>;

export const phaseTimingSchema = z.strictObject({
  /** One of PROBE_PHASES (dns, connect, tls, first-byte, body, auth, first-query, upgrade, first-message, total). */
  phase: z.string(),
  /** Start relative to the attempt's start, and duration. */
  startMs: z.number(),
  durationMs: z.number(),
});
export type PhaseTiming = z.infer<typeof phaseTimingSchema>;

export const probeResultSchema = z.strictObject({
  probe: z.string(),
  type: probeTypeSchema,
  status: attemptStatusSchema,
  checkedAt: z.string(),
  /** Whole attempt, wall clock. */
  durationMs: z.number(),
  phases: z.array(phaseTimingSchema),
  /** The phase that failed, or null when every phase completed. */
  failedPhase: z.string().nullable(),
  errorClass: errorClassSchema.nullable(),
  errorMessage: z.string().nullable(),
  conditions: z.array(conditionResultSchema),
  /** Open by design — facts for engineers that differ per type: HTTP status, bytes read, body cap hit, redirects, … */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});
export type ProbeResult = z.infer<typeof probeResultSchema>;

export const stateChangeSchema = z.strictObject({
  probe: z.string(),
  at: z.string(),
  from: probeStatusSchema,
  to: probeStatusSchema,
  reason: z.string(),
});
export type StateChange = z.infer<typeof stateChangeSchema>;

export const probeSummarySchema = z.strictObject({
  name: z.string(),
  type: probeTypeSchema,
  description: z.string().nullable(),
  goldenPath: z.boolean(),
  dependsOn: z.array(z.string()),
  /** The service it checks (a maintenance window of that service covers it); null when not set. */
  service: z.string().nullable(),
  /** Flap-controlled status; `unknown` until the first result and when the last one is stale. */
  status: probeStatusSchema,
  /** The last result is older than three intervals: the target is not being checked. */
  stale: z.boolean(),
  flapping: z.boolean(),
  /** Status of the last attempt (may differ from `status` while flap control waits). */
  lastAttemptStatus: attemptStatusSchema.nullable(),
  lastCheckedAt: z.string().nullable(),
  lastLatencyMs: z.number().nullable(),
  lastError: z.string().nullable(),
  uptime24h: z.number().min(0).max(1).nullable(),
  uptime7d: z.number().min(0).max(1).nullable(),
  p95Ms24h: z.number().nullable(),
  /** The failing dependency when it and this probe both fail. */
  suspectedCause: z.string().nullable(),
  intervalSeconds: z.number(),
});
export type ProbeSummary = z.infer<typeof probeSummarySchema>;

export const phaseStatsSchema = z.strictObject({
  phase: z.string(),
  n: z.int(),
  p50: z.number().nullable(),
  p95: z.number().nullable(),
  p99: z.number().nullable(),
});
export type PhaseStats = z.infer<typeof phaseStatsSchema>;

const ratio = z.number().min(0).max(1).nullable();

export const probeDetailSchema = z.strictObject({
  summary: probeSummarySchema,
  /** Where it points, without credentials, headers or query strings. */
  target: z.string(),
  timeoutMs: z.number(),
  conditions: z.array(z.string()),
  lastResult: probeResultSchema.nullable(),
  changes: z.array(stateChangeSchema),
  uptime: z.strictObject({ "1h": ratio, "24h": ratio, "7d": ratio, "30d": ratio }),
  /** Latency per phase over the last 24 hours, from the roll-ups. */
  phases24h: z.array(phaseStatsSchema),
  /** Browser probes only: the journey, its latest run (step waterfall, screenshots) and run history. */
  rehearsal: rehearsalDetailSchema.optional(),
});
export type ProbeDetail = z.infer<typeof probeDetailSchema>;

export const historyPointSchema = z.strictObject({
  t: z.string(),
  checks: z.int(),
  up: z.int(),
  uptime: ratio,
  p50: z.number().nullable(),
  p95: z.number().nullable(),
  max: z.number().nullable(),
});
export type HistoryPoint = z.infer<typeof historyPointSchema>;

export const probeHistorySchema = z.strictObject({
  probe: z.string(),
  from: z.string(),
  to: z.string(),
  stepSeconds: z.number(),
  points: z.array(historyPointSchema),
});
export type ProbeHistory = z.infer<typeof probeHistorySchema>;

export const probesResponseSchema = z.strictObject({ generatedAt: z.string(), probes: z.array(probeSummarySchema) });
export type ProbesResponse = z.infer<typeof probesResponseSchema>;

/** The golden-path probes for the Overview strip (lib/probes/view/golden-path.ts); each carries its own last-check time. */
export const goldenPathSchema = z.strictObject({ checkedAt: z.string(), probes: z.array(probeSummarySchema) });
export type GoldenPath = z.infer<typeof goldenPathSchema>;

export const runNowResponseSchema = z.strictObject({ result: probeResultSchema.nullable() });
export type RunNowResponse = z.infer<typeof runNowResponseSchema>;
