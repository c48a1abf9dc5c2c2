import { z } from "zod";
import type { ReadinessView, SharedReadiness, ShareLinkView } from "@/lib/readiness/types";
import { maintenanceNoteSchema } from "@/lib/health/maintenance/schemas";
import { mirrors } from "../mirror";

/** Response shapes of the readiness routes (lib/readiness/types.ts, as zod). */

const verdict = z.enum(["GO", "CAUTION", "NO-GO"]);
const severity = z.enum(["blocker", "warning"]);
const checkStatus = z.enum(["pass", "fail", "unknown", "stale"]);

export const readinessViewSchema = mirrors<ReadinessView>()(
  z.strictObject({
    verdict,
    summary: z.string(),
    reasons: z.array(
      z.strictObject({
        checkId: z.string(),
        label: z.string(),
        severity,
        status: checkStatus,
        text: z.string(),
        evidenceAge: z.number().nullable(),
      }),
    ),
    checkedAt: z.string(),
    demoAt: z.string().optional(),
    demoRisk: z.array(z.string()).optional(),
    evidence: z.array(
      z.strictObject({
        checkId: z.string(),
        expr: z.string(),
        measured: z.string(),
        measuredAt: z.string().nullable(),
        detail: z.string().nullable(),
      }),
    ),
    maintenance: z.array(maintenanceNoteSchema.strict()).optional(),
    since: z.string().nullable(),
    changes: z.array(z.strictObject({ seq: z.int(), from: verdict.nullable(), to: verdict, at: z.string() })),
    recheck: z.strictObject({ probes: z.array(z.string()), problem: z.string().nullable() }).optional(),
  }),
);

export const sharedReadinessSchema = mirrors<SharedReadiness>()(
  z.strictObject({
    verdict,
    summary: z.string(),
    checkedAt: z.string(),
    reasons: z.array(z.strictObject({ label: z.string(), severity, status: checkStatus, text: z.string() })),
    expiresAt: z.string(),
  }),
);

export const shareLinkViewSchema = mirrors<ShareLinkView>()(
  z.strictObject({
    id: z.uuid(),
    createdAt: z.string(),
    createdBy: z.string(),
    expiresAt: z.string(),
    note: z.string().nullable(),
    state: z.enum(["active", "expired", "revoked"]),
    revokedAt: z.string().nullable(),
    revokedBy: z.string().nullable(),
    path: z.string().nullable(),
    canRevoke: z.boolean(),
  }),
);

export const shareLinkListSchema = z.strictObject({ links: z.array(shareLinkViewSchema) });
export const shareLinkOneSchema = z.strictObject({ link: shareLinkViewSchema });

/** The public share route answers its own errors (no `issues`, never internals). */
export const shareErrorSchema = z.strictObject({
  error: z.enum(["invalid", "expired", "revoked", "internal"]),
  message: z.string(),
});
