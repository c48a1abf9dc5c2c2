import { z } from "zod";
import { AUDIT_ENTITIES, type Actor } from "@/lib/store/core/audit";
import type { StagingConfig } from "@/lib/config/core/staging-schema";
import { evalResultSchema } from "@/lib/core/expr/logic";
import { criteriaStateSchema } from "@/lib/tracker/core/criteria-state";
import { effectiveStatusSchema } from "@/lib/tracker/core/gates";
import { ACTION_STATUSES, PHASE_STATUSES } from "./schemas";

/**
 * What the tracker API returns and the page renders. Plain data (no server imports), so the
 * client components and the route handlers share one definition: each shape is a zod schema
 * (the API contract documents it) and its type is the schema's output.
 */

export type Incident = StagingConfig["incident"];
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const linkSchema = z.strictObject({ href: z.string(), label: z.string() });
export type Link = z.infer<typeof linkSchema>;

export const actionViewSchema = z.strictObject({
  id: z.string(),
  phaseId: z.string(),
  title: z.string(),
  owner: z.string(),
  status: z.enum(ACTION_STATUSES),
  /** YYYY-MM-DD, or null. */
  due: z.string().nullable(),
  links: z.array(z.string()),
  /** "config" when the staging config defines it, "ui" when someone added it on the page. */
  source: z.enum(["config", "ui"]),
  version: z.int(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type ActionView = z.infer<typeof actionViewSchema>;

export const criterionViewSchema = z.strictObject({
  id: z.string(),
  text: z.string(),
  expr: z.string(),
  holdFor: z.string().nullable(),
  result: evalResultSchema,
  /** The measured value with its unit, e.g. "0%"; "no data" when unknown. */
  measured: z.string(),
  window: z.string().nullable(),
  measuredAt: z.string().nullable(),
  evaluatedAt: z.string().nullable(),
  reason: z.string().nullable(),
  heldSince: z.string().nullable(),
  heldForSeconds: z.number(),
  held: z.boolean(),
  remainingSeconds: z.number().nullable(),
  /** A parse error or an unreadable hold time: the criterion cannot pass. */
  problem: z.string().nullable(),
  /** The chart behind the figure. */
  chart: linkSchema.nullable(),
  /** Each comparison's part of a TermEvaluation (lib/criteria/core/types.ts). */
  terms: z.array(
    z.strictObject({
      subject: z.string(),
      result: evalResultSchema,
      measured: z.string(),
      window: z.string().nullable(),
      measuredAt: z.string().nullable(),
    }),
  ),
});
export type CriterionView = z.infer<typeof criterionViewSchema>;

export const decisionViewSchema = z.strictObject({
  decision: z.enum(["close", "reopen"]),
  decidedAt: z.string(),
  reason: z.string(),
});
export type DecisionView = z.infer<typeof decisionViewSchema>;

const phaseStatusSchema = z.enum(PHASE_STATUSES);

export const phaseViewSchema = z.strictObject({
  id: z.string(),
  order: z.int(),
  name: z.string(),
  ownerTeam: z.string(),
  timeline: z.string().nullable(),
  blocking: z.boolean(),
  autoClose: z.boolean(),
  startsAfter: z.string().nullable(),
  /** As stored (a person's or the evaluator's last decision). */
  status: phaseStatusSchema,
  /** As shown: a gate that is not open holds the phase. */
  effective: effectiveStatusSchema,
  version: z.int(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  criteriaState: criteriaStateSchema,
  criteriaText: z.string(),
  /** All criteria pass and have held, and the phase is not closed yet. */
  readyToClose: z.boolean(),
  criteria: z.array(criterionViewSchema),
  actions: z.array(actionViewSchema),
  /** The last automatic close or reopen, with its reason. */
  lastDecision: decisionViewSchema.nullable(),
});
export type PhaseView = z.infer<typeof phaseViewSchema>;

export const conflictViewSchema = z.strictObject({
  id: z.string(),
  phaseId: z.string(),
  actionId: z.string().nullable(),
  field: z.string(),
  // Open by design: the conflicting field's value, whatever its type.
  /** What the store (the UI's edit) holds; kept until someone resolves the conflict. */
  storeValue: z.unknown(),
  /** What the staging config now says. */
  configValue: z.unknown(),
  detectedAt: z.string(),
  text: z.string(),
});
export type ConflictView = z.infer<typeof conflictViewSchema>;

export const progressViewSchema = z.strictObject({
  done: z.int(),
  total: z.int(),
  text: z.string(),
  currentPhaseId: z.string().nullable(),
  blockers: z.array(z.strictObject({ kind: z.string(), text: z.string() })),
});
export type ProgressView = z.infer<typeof progressViewSchema>;

/** An action linked to a change from the audit log, as the change read when it was linked (no actor). */
export const linkedChangeViewSchema = z.strictObject({
  phaseId: z.string(),
  actionId: z.string(),
  changeId: z.string(),
  kind: z.string(),
  resource: z.strictObject({ type: z.string(), name: z.string() }),
  summary: z.string(),
  outcome: z.string(),
  startedAt: z.string(),
  explorerUrl: z.string(),
  linkedAt: z.string(),
  linkedBy: z.string(),
});
export type LinkedChangeView = z.infer<typeof linkedChangeViewSchema>;

/** The incident's fields the page and the report show (the staging config's `incident`). */
export const incidentViewSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  severity: z.enum(["P0", "P1", "P2", "P3"]),
  status: z.enum(["open", "mitigated", "resolved"]),
  businessImpact: z.array(z.string()),
});

export const trackerViewSchema = z.strictObject({
  incident: incidentViewSchema,
  fiveWhys: z.array(
    z.strictObject({
      question: z.string(),
      answer: z.string(),
      evidence: linkSchema.extend({ kind: z.string(), ref: z.string() }).strict().nullable(),
    }),
  ),
  rootCauses: z.array(
    z.strictObject({ kind: z.enum(["primary", "secondary"]), title: z.string(), detail: z.array(z.string()) }),
  ),
  phases: z.array(phaseViewSchema),
  progress: progressViewSchema,
  conflicts: z.array(conflictViewSchema),
  /** When the criteria were last evaluated; null before the first run. */
  evaluatedAt: z.string().nullable(),
  /** Why the last evaluation could not run, if it failed as a whole. */
  evaluationError: z.string().nullable(),
  /** Actions linked to the changes that carried them out, oldest change first. */
  changeLinks: z.array(linkedChangeViewSchema),
});
export type TrackerView = z.infer<typeof trackerViewSchema>;

export const conflictsResponseSchema = z.strictObject({ conflicts: z.array(conflictViewSchema) });

export const conflictResolvedSchema = z.strictObject({ resolved: z.uuid(), keep: z.enum(["store", "config"]) });

export const auditEntrySchema = z.strictObject({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  actorRole: z.string().nullable(),
  entity: z.enum(AUDIT_ENTITIES),
  phaseId: z.string(),
  entityId: z.string(),
  change: z.string(),
  summary: z.string(),
  // Open by design: the entity's fields before and after, which differ per entity.
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  reason: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const historyPageSchema = z.strictObject({
  entries: z.array(auditEntrySchema),
  /** Pass as `cursor` for the next, older page; null when there is none. */
  nextCursor: z.string().nullable(),
});
export type HistoryPage = z.infer<typeof historyPageSchema>;

/** What a phase edit answers (lib/tracker/phase-edits.ts): the phase's stored state after it (the API contract documents this schema). */
export const phaseStateSchema = z.strictObject({
  id: z.string(),
  status: z.string(),
  version: z.int(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type PhaseState = z.infer<typeof phaseStateSchema>;

/** Who made a change: a signed-in person, or Stagewatch itself. */

export const SYSTEM_ACTOR: Actor = { name: "stagewatch", role: null };
export const CONFIG_ACTOR: Actor = { name: "staging config", role: null };
