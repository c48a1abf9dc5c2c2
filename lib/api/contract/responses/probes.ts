import { z } from "zod";
import type { GoldenPath } from "@/lib/probes/view/golden-path";
import type { RehearsalDetail } from "@/lib/health/rehearsal/types";
import {
  PROBE_STATUS_VALUES,
  type ProbeDetail,
  type ProbeHistory,
  type ProbeResult,
  type ProbeSummary,
  type ProbesResponse,
  type RunNowResponse,
} from "@/lib/health/probes/types";
import { mirrors } from "../mirror";

/** Response shapes of the probe routes (lib/health/probes/types.ts, as zod). */

// The probe types of the staging config (mirrors() fails the build when one is added there only).
const probeTypeSchema = z.enum(["http", "tcp", "postgres", "websocket", "dns", "browser"]);
const attemptStatus = z.enum(["up", "degraded", "down", "missing"]);
const probeStatus = z.enum(PROBE_STATUS_VALUES);
const errorClass = z.enum([
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

export const probeSummarySchema = mirrors<ProbeSummary>()(
  z.strictObject({
    name: z.string(),
    type: probeTypeSchema,
    description: z.string().nullable(),
    goldenPath: z.boolean(),
    dependsOn: z.array(z.string()),
    service: z.string().nullable(),
    status: probeStatus,
    stale: z.boolean(),
    flapping: z.boolean(),
    lastAttemptStatus: attemptStatus.nullable(),
    lastCheckedAt: z.string().nullable(),
    lastLatencyMs: z.number().nullable(),
    lastError: z.string().nullable(),
    uptime24h: z.number().min(0).max(1).nullable(),
    uptime7d: z.number().min(0).max(1).nullable(),
    p95Ms24h: z.number().nullable(),
    suspectedCause: z.string().nullable(),
    intervalSeconds: z.number(),
  }),
);

export const probeResultSchema = mirrors<ProbeResult>()(
  z.strictObject({
    probe: z.string(),
    type: probeTypeSchema,
    status: attemptStatus,
    checkedAt: z.string(),
    durationMs: z.number(),
    phases: z.array(z.strictObject({ phase: z.string(), startMs: z.number(), durationMs: z.number() })),
    failedPhase: z.string().nullable(),
    errorClass: errorClass.nullable(),
    errorMessage: z.string().nullable(),
    conditions: z.array(
      z.strictObject({
        condition: z.string(),
        passed: z.boolean().nullable(),
        value: z.string().nullable(),
        soft: z.boolean(),
        error: z.string().optional(),
      }),
    ),
    // Open by design: facts that differ per probe type (HTTP status, bytes read, redirects, …).
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  }),
);

export const probesResponseSchema = mirrors<ProbesResponse>()(
  z.strictObject({ generatedAt: z.string(), probes: z.array(probeSummarySchema) }),
);

export const goldenPathResponseSchema = mirrors<GoldenPath>()(
  z.strictObject({ checkedAt: z.string(), probes: z.array(probeSummarySchema) }),
);

const ratio = z.number().min(0).max(1).nullable();

const rehearsalStatus = z.enum(["passed", "failed", "unknown"]);

/** A browser probe's journey, latest run (step waterfall, screenshot kinds) and run history (lib/health/rehearsal/types.ts). */
export const rehearsalDetailSchema = mirrors<RehearsalDetail>()(
  z.strictObject({
    journey: z.array(z.strictObject({ index: z.int(), label: z.string(), action: z.string(), timeoutMs: z.number() })),
    deadlineMs: z.number(),
    latest: z
      .strictObject({
        id: z.string(),
        probe: z.string(),
        status: rehearsalStatus,
        startedAt: z.string(),
        durationMs: z.number(),
        steps: z.array(
          z.strictObject({
            index: z.int(),
            label: z.string(),
            action: z.string(),
            status: z.enum(["passed", "failed", "not-run"]),
            startMs: z.number().nullable(),
            durationMs: z.number().nullable(),
            error: z.string().nullable(),
          }),
        ),
        failedStep: z.int().nullable(),
        error: z.string().nullable(),
        // Kinds served by GET /api/rehearsals/{id}/screenshots/{kind}.
        screenshots: z.array(z.string()),
      })
      .nullable(),
    history: z.array(
      z.strictObject({
        id: z.string(),
        startedAt: z.string(),
        status: rehearsalStatus,
        durationMs: z.number(),
        failedStep: z.int().nullable(),
      }),
    ),
  }),
);

export const probeDetailSchema = mirrors<ProbeDetail>()(
  z.strictObject({
    summary: probeSummarySchema,
    target: z.string(),
    timeoutMs: z.number(),
    conditions: z.array(z.string()),
    lastResult: probeResultSchema.nullable(),
    changes: z.array(
      z.strictObject({ probe: z.string(), at: z.string(), from: probeStatus, to: probeStatus, reason: z.string() }),
    ),
    uptime: z.strictObject({ "1h": ratio, "24h": ratio, "7d": ratio, "30d": ratio }),
    phases24h: z.array(
      z.strictObject({
        phase: z.string(),
        n: z.int(),
        p50: z.number().nullable(),
        p95: z.number().nullable(),
        p99: z.number().nullable(),
      }),
    ),
    // Browser probes only.
    rehearsal: rehearsalDetailSchema.optional(),
  }),
);

export const probeHistorySchema = mirrors<ProbeHistory>()(
  z.strictObject({
    probe: z.string(),
    from: z.string(),
    to: z.string(),
    stepSeconds: z.number(),
    points: z.array(
      z.strictObject({
        t: z.string(),
        checks: z.int(),
        up: z.int(),
        uptime: ratio,
        p50: z.number().nullable(),
        p95: z.number().nullable(),
        max: z.number().nullable(),
      }),
    ),
  }),
);

export const runNowResponseSchema = mirrors<RunNowResponse>()(z.strictObject({ result: probeResultSchema.nullable() }));
