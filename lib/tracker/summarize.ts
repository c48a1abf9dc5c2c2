import { z } from "zod";
import { formatSeconds } from "@/lib/core/format";
import { criteriaStateSchema } from "@/lib/tracker/core/criteria-state";
import { PHASE_STATUSES } from "./schemas";
import type { ActionStatus, PhaseView, TrackerView } from "./types";

/**
 * The tracker in a few fields, for the Overview (phase progress, what blocks it) and demo
 * readiness (blocking phases, open actions with due dates).
 */

export const phaseRefSchema = z.strictObject({ id: z.string(), name: z.string(), order: z.int() });
export type PhaseRef = z.infer<typeof phaseRefSchema>;

export const trackerSummarySchema = z.strictObject({
  incidentId: z.string(),
  title: z.string(),
  severity: z.string(),
  incidentStatus: z.string(),
  phasesDone: z.int(),
  phasesTotal: z.int(),
  /** "1 of 3 phases done" */
  progressText: z.string(),
  currentPhase: phaseRefSchema
    .extend({ status: z.enum(PHASE_STATUSES), criteriaState: criteriaStateSchema })
    .strict()
    .nullable(),
  /** What stands between the current phase and done, in plain language; null when all are done. */
  blockedBy: z.string().nullable(),
  /** Blocking phases that are not done (the value of blocking_phases()). */
  blockingPhases: z.array(phaseRefSchema),
  /** Phases whose criteria are met and held, waiting for someone to close them. */
  readyToClose: z.array(phaseRefSchema),
  evaluatedAt: z.string().nullable(),
});
export type TrackerSummary = z.infer<typeof trackerSummarySchema>;

export interface OpenAction {
  phase: PhaseRef;
  id: string;
  title: string;
  owner: string;
  status: ActionStatus;
  due: string | null;
  /** Due before today (UTC) and not done. */
  overdue: boolean;
}

const ref = (p: PhaseView): PhaseRef => ({ id: p.id, name: p.name, order: p.order });

function blockedByText(p: PhaseView): string {
  const label = `${p.name} (phase ${p.order})`;
  if (p.effective.gate && !p.effective.gate.open) return `${label} ${p.effective.gate.text}.`;
  if (p.effective.status === "blocked") return `${label} is marked blocked.`;
  if (p.effective.status === "held") return `${label} is on hold.`;
  const parts: string[] = [];
  for (const c of p.criteria) {
    if (c.result === "fail") parts.push(`"${c.text}" is not met (measured ${c.measured})`);
    else if (c.result === "unknown")
      parts.push(`"${c.text}" cannot be checked (${c.problem ?? c.reason ?? "no data"})`);
    else if (!c.held && c.remainingSeconds !== null)
      parts.push(`"${c.text}" passes but must hold ${formatSeconds(c.remainingSeconds)} more`);
  }
  if (parts.length) return `${label}: ${parts.join("; ")}.`;
  if (p.readyToClose) return `${label}: criteria met — ready to close.`;
  const open = p.actions.filter((a) => a.status !== "done");
  if (open.length) return `${label}: ${open.length} open action${open.length === 1 ? "" : "s"}.`;
  return p.criteria.length
    ? `${label} is not closed yet.`
    : `${label} has no success criteria; it closes when its owners close it.`;
}

/** Pure: the summary of an evaluated tracker view. */
export function summaryOf(view: TrackerView): TrackerSummary {
  const current = view.phases.find((p) => p.id === view.progress.currentPhaseId) ?? null;
  return {
    incidentId: view.incident.id,
    title: view.incident.title,
    severity: view.incident.severity,
    incidentStatus: view.incident.status,
    phasesDone: view.progress.done,
    phasesTotal: view.progress.total,
    progressText: view.progress.text,
    currentPhase: current
      ? { ...ref(current), status: current.effective.status, criteriaState: current.criteriaState }
      : null,
    blockedBy: current ? blockedByText(current) : null,
    blockingPhases: view.phases.filter((p) => p.blocking && p.status !== "done").map(ref),
    readyToClose: view.phases.filter((p) => p.readyToClose).map(ref),
    evaluatedAt: view.evaluatedAt,
  };
}

/** Pure: every action not done, soonest due first (undated last). */
export function openActionsOf(view: TrackerView, now: number): OpenAction[] {
  const today = new Date(now).toISOString().slice(0, 10);
  return view.phases
    .flatMap((p) =>
      p.actions
        .filter((a) => a.status !== "done")
        .map((a) => ({
          phase: ref(p),
          id: a.id,
          title: a.title,
          owner: a.owner,
          status: a.status,
          due: a.due,
          overdue: a.due !== null && a.due < today,
        })),
    )
    .sort((a, b) => (a.due ?? "9999-12-31").localeCompare(b.due ?? "9999-12-31") || a.phase.order - b.phase.order);
}
