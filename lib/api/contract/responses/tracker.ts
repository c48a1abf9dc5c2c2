import { z } from "zod";
import type { PhaseState } from "@/lib/tracker/edits";
import type { Report } from "@/lib/tracker/report";
import { ACTION_STATUSES, PHASE_STATUSES } from "@/lib/tracker/schemas";
import type { TrackerSummary } from "@/lib/tracker/summarize";
import type {
  ActionView,
  AuditEntry,
  ConflictView,
  HistoryPage,
  LinkedChangeView,
  PhaseView,
  TrackerView,
} from "@/lib/tracker/types";
import { mirrors } from "../mirror";

/** Response shapes of the tracker routes (lib/tracker/types.ts, as zod). */

const evalResult = z.enum(["pass", "fail", "unknown"]);
const phaseStatus = z.enum(PHASE_STATUSES);
const criteriaState = z.enum(["no-criteria", "met", "holding", "failing", "unknown"]);
const link = z.strictObject({ href: z.string(), label: z.string() });

export const actionViewSchema = mirrors<ActionView>()(
  z.strictObject({
    id: z.string(),
    phaseId: z.string(),
    title: z.string(),
    owner: z.string(),
    status: z.enum(ACTION_STATUSES),
    due: z.string().nullable(),
    links: z.array(z.string()),
    source: z.enum(["config", "ui"]),
    version: z.int(),
    updatedAt: z.string(),
    updatedBy: z.string(),
  }),
);

const criterionViewSchema = z.strictObject({
  id: z.string(),
  text: z.string(),
  expr: z.string(),
  holdFor: z.string().nullable(),
  result: evalResult,
  measured: z.string(),
  window: z.string().nullable(),
  measuredAt: z.string().nullable(),
  evaluatedAt: z.string().nullable(),
  reason: z.string().nullable(),
  heldSince: z.string().nullable(),
  heldForSeconds: z.number(),
  held: z.boolean(),
  remainingSeconds: z.number().nullable(),
  problem: z.string().nullable(),
  chart: link.nullable(),
  terms: z.array(
    z.strictObject({
      subject: z.string(),
      result: evalResult,
      measured: z.string(),
      window: z.string().nullable(),
      measuredAt: z.string().nullable(),
    }),
  ),
});

export const phaseViewSchema = mirrors<PhaseView>()(
  z.strictObject({
    id: z.string(),
    order: z.int(),
    name: z.string(),
    ownerTeam: z.string(),
    timeline: z.string().nullable(),
    blocking: z.boolean(),
    autoClose: z.boolean(),
    startsAfter: z.string().nullable(),
    status: phaseStatus,
    effective: z.strictObject({
      status: phaseStatus,
      reason: z.string().optional(),
      gate: z.strictObject({ phaseId: z.string(), open: z.boolean(), text: z.string() }).nullable(),
    }),
    version: z.int(),
    updatedAt: z.string(),
    updatedBy: z.string(),
    criteriaState,
    criteriaText: z.string(),
    readyToClose: z.boolean(),
    criteria: z.array(criterionViewSchema),
    actions: z.array(actionViewSchema),
    lastDecision: z
      .strictObject({ decision: z.enum(["close", "reopen"]), decidedAt: z.string(), reason: z.string() })
      .nullable(),
  }),
);

export const conflictViewSchema = mirrors<ConflictView>()(
  z.strictObject({
    id: z.string(),
    phaseId: z.string(),
    actionId: z.string().nullable(),
    field: z.string(),
    // Open by design: the conflicting field's value, whatever its type.
    storeValue: z.unknown(),
    configValue: z.unknown(),
    detectedAt: z.string(),
    text: z.string(),
  }),
);

const incident = z.strictObject({
  id: z.string(),
  title: z.string(),
  severity: z.enum(["P0", "P1", "P2", "P3"]),
  status: z.enum(["open", "mitigated", "resolved"]),
  businessImpact: z.array(z.string()),
});

const progress = z.strictObject({
  done: z.int(),
  total: z.int(),
  text: z.string(),
  currentPhaseId: z.string().nullable(),
  blockers: z.array(z.strictObject({ kind: z.string(), text: z.string() })),
});

export const linkedChangeSchema = mirrors<LinkedChangeView>()(
  z.strictObject({
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
  }),
);

export const trackerViewSchema = mirrors<TrackerView>()(
  z.strictObject({
    incident,
    fiveWhys: z.array(
      z.strictObject({
        question: z.string(),
        answer: z.string(),
        evidence: link.extend({ kind: z.string(), ref: z.string() }).strict().nullable(),
      }),
    ),
    rootCauses: z.array(
      z.strictObject({ kind: z.enum(["primary", "secondary"]), title: z.string(), detail: z.array(z.string()) }),
    ),
    phases: z.array(phaseViewSchema),
    progress,
    conflicts: z.array(conflictViewSchema),
    evaluatedAt: z.string().nullable(),
    evaluationError: z.string().nullable(),
    changeLinks: z.array(linkedChangeSchema),
  }),
);

export const conflictsResponseSchema = z.strictObject({ conflicts: z.array(conflictViewSchema) });

export const conflictResolvedSchema = z.strictObject({ resolved: z.uuid(), keep: z.enum(["store", "config"]) });

const auditEntrySchema = mirrors<AuditEntry>()(
  z.strictObject({
    id: z.string(),
    at: z.string(),
    actor: z.string(),
    actorRole: z.string().nullable(),
    entity: z.enum(["phase", "action", "criterion", "conflict", "maintenance", "notification"]),
    phaseId: z.string(),
    entityId: z.string(),
    change: z.string(),
    summary: z.string(),
    // Open by design: the entity's fields before and after, which differ per entity.
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    reason: z.string().nullable(),
  }),
);

export const historyPageSchema = mirrors<HistoryPage>()(
  z.strictObject({ entries: z.array(auditEntrySchema), nextCursor: z.string().nullable() }),
);

const phaseRef = z.strictObject({ id: z.string(), name: z.string(), order: z.int() });

export const trackerSummarySchema = mirrors<TrackerSummary>()(
  z.strictObject({
    incidentId: z.string(),
    title: z.string(),
    severity: z.string(),
    incidentStatus: z.string(),
    phasesDone: z.int(),
    phasesTotal: z.int(),
    progressText: z.string(),
    currentPhase: phaseRef.extend({ status: phaseStatus, criteriaState }).strict().nullable(),
    blockedBy: z.string().nullable(),
    blockingPhases: z.array(phaseRef),
    readyToClose: z.array(phaseRef),
    evaluatedAt: z.string().nullable(),
  }),
);

export const reportSchema = mirrors<Report>()(
  z.strictObject({
    incident,
    generatedAt: z.string(),
    verdict: z.string(),
    progress,
    evaluatedAt: z.string().nullable(),
    phases: z.array(
      z.strictObject({
        order: z.int(),
        name: z.string(),
        ownerTeam: z.string(),
        status: z.string(),
        note: z.string().nullable(),
        criteria: z.array(
          z.strictObject({
            text: z.string(),
            result: z.string(),
            measured: z.string(),
            window: z.string().nullable(),
            measuredAt: z.string().nullable(),
            evidence: z.string(),
            held: z.string().nullable(),
          }),
        ),
        openActions: z.array(
          z.strictObject({ title: z.string(), owner: z.string(), status: z.string(), due: z.string().nullable() }),
        ),
      }),
    ),
    since: z.string().nullable(),
    changes: z.array(
      z.strictObject({ at: z.string(), actor: z.string(), summary: z.string(), reason: z.string().nullable() }),
    ),
  }),
);

/** The Markdown form of the report (the default `format=md`). */
export const reportMarkdownSchema = z.string();

export const phaseStateSchema = mirrors<PhaseState>()(
  z.strictObject({
    id: z.string(),
    status: z.string(),
    version: z.int(),
    updatedAt: z.string(),
    updatedBy: z.string(),
  }),
);
