import type { Actor, AuditEntity } from "@/lib/store/audit";
import type { StagingConfig } from "@/lib/health/config/staging-schema";
import type { CriteriaState, EffectiveStatus, PhaseStatus } from "@/lib/health/tracker";
import type { EvalResult, TermEvaluation } from "@/lib/health/criteria";

/**
 * What the tracker API returns and the page renders. Plain data (no server imports), so the
 * client components and the route handlers share one definition.
 */

export type Incident = StagingConfig["incident"];
export type ActionStatus = "todo" | "in-progress" | "held" | "done";

export interface Link {
  href: string;
  label: string;
}

export interface ActionView {
  id: string;
  phaseId: string;
  title: string;
  owner: string;
  status: ActionStatus;
  /** YYYY-MM-DD, or null. */
  due: string | null;
  links: string[];
  /** "config" when the staging config defines it, "ui" when someone added it on the page. */
  source: "config" | "ui";
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export interface CriterionView {
  id: string;
  text: string;
  expr: string;
  holdFor: string | null;
  result: EvalResult;
  /** The measured value with its unit, e.g. "0%"; "no data" when unknown. */
  measured: string;
  window: string | null;
  measuredAt: string | null;
  evaluatedAt: string | null;
  reason: string | null;
  heldSince: string | null;
  heldForSeconds: number;
  held: boolean;
  remainingSeconds: number | null;
  /** A parse error or an unreadable hold time: the criterion cannot pass. */
  problem: string | null;
  /** The chart behind the figure. */
  chart: Link | null;
  terms: Pick<TermEvaluation, "subject" | "result" | "measured" | "window" | "measuredAt">[];
}

export interface DecisionView {
  decision: "close" | "reopen";
  decidedAt: string;
  reason: string;
}

export interface PhaseView {
  id: string;
  order: number;
  name: string;
  ownerTeam: string;
  timeline: string | null;
  blocking: boolean;
  autoClose: boolean;
  startsAfter: string | null;
  /** As stored (a person's or the evaluator's last decision). */
  status: PhaseStatus;
  /** As shown: a gate that is not open holds the phase. */
  effective: EffectiveStatus;
  version: number;
  updatedAt: string;
  updatedBy: string;
  criteriaState: CriteriaState;
  criteriaText: string;
  /** All criteria pass and have held, and the phase is not closed yet. */
  readyToClose: boolean;
  criteria: CriterionView[];
  actions: ActionView[];
  /** The last automatic close or reopen, with its reason. */
  lastDecision: DecisionView | null;
}

export interface ConflictView {
  id: string;
  phaseId: string;
  actionId: string | null;
  field: string;
  /** What the store (the UI's edit) holds; kept until someone resolves the conflict. */
  storeValue: unknown;
  /** What the staging config now says. */
  configValue: unknown;
  detectedAt: string;
  text: string;
}

export interface ProgressView {
  done: number;
  total: number;
  text: string;
  currentPhaseId: string | null;
  blockers: { kind: string; text: string }[];
}

/** An action linked to a change from the audit log, as the change read when it was linked (no actor). */
export interface LinkedChangeView {
  phaseId: string;
  actionId: string;
  changeId: string;
  kind: string;
  resource: { type: string; name: string };
  summary: string;
  outcome: string;
  startedAt: string;
  explorerUrl: string;
  linkedAt: string;
  linkedBy: string;
}

export interface TrackerView {
  incident: Pick<Incident, "id" | "title" | "severity" | "status" | "businessImpact">;
  fiveWhys: { question: string; answer: string; evidence: (Link & { kind: string; ref: string }) | null }[];
  rootCauses: Incident["rootCauses"];
  phases: PhaseView[];
  progress: ProgressView;
  conflicts: ConflictView[];
  /** When the criteria were last evaluated; null before the first run. */
  evaluatedAt: string | null;
  /** Why the last evaluation could not run, if it failed as a whole. */
  evaluationError: string | null;
  /** Actions linked to the changes that carried them out, oldest change first. */
  changeLinks: LinkedChangeView[];
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  actorRole: string | null;
  entity: AuditEntity;
  phaseId: string;
  entityId: string;
  change: string;
  summary: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string | null;
}

export interface HistoryPage {
  entries: AuditEntry[];
  /** Pass as `cursor` for the next, older page; null when there is none. */
  nextCursor: string | null;
}

/** Who made a change: a signed-in person, or Stagewatch itself. */

export const SYSTEM_ACTOR: Actor = { name: "stagewatch", role: null };
export const CONFIG_ACTOR: Actor = { name: "staging config", role: null };
