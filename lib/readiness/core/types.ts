import { z } from "zod";
import type { Evaluation } from "@/lib/criteria/core/types";
import type { MaintenanceNote } from "@/lib/config/core/maintenance/types";
import type { BudgetGate } from "@/lib/slo/core/budget-gate";

// The shapes the readiness answers carry are zod schemas (the API contract documents them); their types are the output.
export const verdictSchema = z.enum(["GO", "CAUTION", "NO-GO"]);
export type Verdict = z.infer<typeof verdictSchema>;
export const severitySchema = z.enum(["blocker", "warning"]);
export type Severity = z.infer<typeof severitySchema>;
/** `stale`: the evidence is older than the check's freshness limit, whatever it said. */
export const checkStatusSchema = z.enum(["pass", "fail", "unknown", "stale"]);
export type CheckStatus = z.infer<typeof checkStatusSchema>;

export interface ReadinessCheckInput {
  id: string;
  label: string;
  severity: Severity;
  /** From the criteria evaluator; null when the check has not been evaluated. */
  evaluation: Evaluation | null;
  maxAgeSeconds: number;
}

/** For engineers: what a check rests on. Never part of the public share view. */
export const checkEvidenceSchema = z.strictObject({
  checkId: z.string(),
  expr: z.string(),
  /** The measured value(s) with unit, e.g. "40%", "up"; "no data" when unknown. */
  measured: z.string(),
  measuredAt: z.string().nullable(),
  /** The evaluator's own words, may name probes and signatures; null when it passed plainly. */
  detail: z.string().nullable(),
});
export type CheckEvidence = z.infer<typeof checkEvidenceSchema>;

/** Who is working on the problem, for "the infrastructure team is on it (phase 1)". */
export interface WorkInProgress {
  team: string;
  phaseOrder: number;
}

/** An action of an unfinished phase that is not done yet. */
export interface OpenAction {
  title: string;
  ownerTeam: string;
  /** YYYY-MM-DD, read as the end of that day in UTC; null when none was set. */
  due: string | null;
  phaseOrder: number;
  phaseBlocking: boolean;
}

export interface DemoVerdictOptions {
  demoAt?: Date;
  openActions?: readonly OpenAction[];
  /** Probe names that changed between up and down in the last hour. */
  flappingProbesLastHour?: readonly string[];
  workInProgress?: WorkInProgress;
  /** SLOs marked `gatesDemos`, with their budgets (see ./budget-gate.ts). */
  budgetGates?: readonly BudgetGate[];
  /**
   * Maintenance windows running now (any scope: a demo walks all of staging); null when they
   * could not be read. Either way the verdict is never GO: planned work or not knowing of it is a risk.
   */
  maintenance?: readonly MaintenanceNote[] | null;
}

export const readinessReasonSchema = z.strictObject({
  checkId: z.string(),
  label: z.string(),
  severity: severitySchema,
  status: checkStatusSchema,
  /** Plain language for someone who is not an engineer; no host names, no log lines. */
  text: z.string(),
  /** Seconds since the evidence was measured; null when there is none. */
  evidenceAge: z.number().nullable(),
});
export type ReadinessReason = z.infer<typeof readinessReasonSchema>;

export interface DemoVerdict {
  verdict: Verdict;
  /** One line under the big verdict. */
  summary: string;
  /** Every check, most serious first. */
  reasons: ReadinessReason[];
  checkedAt: string;
  /** Only when a demo time was given: known things that put it at risk. */
  demoRisk?: string[];
  /** Maintenance windows running when it was evaluated (absent when not asked). */
  maintenance?: MaintenanceNote[];
}
