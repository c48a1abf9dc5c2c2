import { z } from "zod";
import { maintenanceNoteSchema } from "@/lib/config/core/maintenance/types";
import {
  checkEvidenceSchema,
  checkStatusSchema,
  readinessReasonSchema,
  severitySchema,
  verdictSchema,
} from "@/lib/readiness/core/types";

/**
 * What the readiness APIs return and the pages render. Plain data (no server imports), so
 * route handlers and client components share one definition: each shape is a zod schema
 * (the API contract documents it) and its type is the schema's output.
 */

export const readinessChangeViewSchema = z.strictObject({
  seq: z.int(),
  from: verdictSchema.nullable(),
  to: verdictSchema,
  at: z.string(),
});
export type ReadinessChangeView = z.infer<typeof readinessChangeViewSchema>;

export const readinessViewSchema = z.strictObject({
  verdict: verdictSchema,
  summary: z.string(),
  reasons: z.array(readinessReasonSchema),
  /** When the checks were evaluated ("checked at HH:MM"). */
  checkedAt: z.string(),
  /** The demo time asked about, normalised to ISO; absent without one. */
  demoAt: z.string().optional(),
  demoRisk: z.array(z.string()).optional(),
  evidence: z.array(checkEvidenceSchema),
  /** Maintenance windows running when it was evaluated; absent when they were not asked about. */
  maintenance: z.array(maintenanceNoteSchema.strict()).optional(),
  /** Since when the verdict has been what it is; null until it was first recorded. */
  since: z.string().nullable(),
  /** The latest changes, newest first. */
  changes: z.array(readinessChangeViewSchema),
  /** Only in the answer to "Re-check now": which probes ran, and why they did not when they could not. */
  recheck: z.strictObject({ probes: z.array(z.string()), problem: z.string().nullable() }).optional(),
});
export type ReadinessView = z.infer<typeof readinessViewSchema>;

/** The public share view: the verdict and its reasons, nothing else. */
export const sharedReasonSchema = z.strictObject({
  label: z.string(),
  severity: severitySchema,
  status: checkStatusSchema,
  text: z.string(),
});
export type SharedReason = z.infer<typeof sharedReasonSchema>;

export const sharedReadinessSchema = z.strictObject({
  verdict: verdictSchema,
  summary: z.string(),
  checkedAt: z.string(),
  reasons: z.array(sharedReasonSchema),
  /** When this link stops working. */
  expiresAt: z.string(),
});
export type SharedReadiness = z.infer<typeof sharedReadinessSchema>;

export const shareLinkStateSchema = z.enum(["active", "expired", "revoked"]);
export type ShareLinkState = z.infer<typeof shareLinkStateSchema>;

export const shareLinkViewSchema = z.strictObject({
  id: z.uuid(),
  createdAt: z.string(),
  createdBy: z.string(),
  expiresAt: z.string(),
  note: z.string().nullable(),
  state: shareLinkStateSchema,
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
  /** Path of the public page ("/share/<token>"); only while the link is active. */
  path: z.string().nullable(),
  /** Whether the asking user may revoke it (its creator, or anyone with share:manage). */
  canRevoke: z.boolean(),
});
export type ShareLinkView = z.infer<typeof shareLinkViewSchema>;

export const shareLinkListSchema = z.strictObject({ links: z.array(shareLinkViewSchema) });
export const shareLinkOneSchema = z.strictObject({ link: shareLinkViewSchema });

/** The public share route answers its own errors (no `issues`, never internals). */
export const shareErrorSchema = z.strictObject({
  error: z.enum(["invalid", "expired", "revoked", "internal"]),
  message: z.string(),
});
