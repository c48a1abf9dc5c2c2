import { measurementKey } from "@/lib/criteria/core/keys";
import type { SnapshotEntry } from "@/lib/criteria/core/types";
import { NO_CRITERIA_TEXT, type CriteriaState, type CriteriaSummary } from "./criteria-state";
import { effectiveStatus, type EffectiveStatus } from "./gates";
import type { TrackerAction, TrackerPhase } from "./types";

export const BLOCKING_PHASES_KEY = measurementKey({ kind: "blocking_phases" });

/** Blocking phases that are not done: the value of `blocking_phases()`. */
export function blockingPhases(phases: readonly TrackerPhase[]): number {
  return phases.filter((p) => p.blocking && p.status !== "done").length;
}

/** The Snapshot entry for `blocking_phases()`, measured when the phases were read. */
export function blockingPhasesEntry(phases: readonly TrackerPhase[], readAt: Date): SnapshotEntry {
  return { value: blockingPhases(phases), measuredAt: readAt.toISOString() };
}

export interface PhaseView {
  id: string;
  order: number;
  name: string;
  ownerTeam: string;
  blocking: boolean;
  effective: EffectiveStatus;
  criteria: { state: CriteriaState; text: string };
  openActions: TrackerAction[];
}

export interface Blocker {
  kind: "gate" | "status" | "criteria" | "actions";
  text: string;
}

export interface PhaseProgress {
  done: number;
  total: number;
  /** "1 of 3 phases done" */
  text: string;
  /** The first active phase by order, else the first one not done; null when all are done. */
  current: PhaseView | null;
  /** What stands between the current phase and done. */
  blockers: Blocker[];
  phases: PhaseView[];
}

const ACTION_STATUS_TEXT: Readonly<Record<TrackerAction["status"], string>> = {
  todo: "to do",
  "in-progress": "in progress",
  held: "held",
  done: "done",
};

function criteriaOf(phase: TrackerPhase, summary: CriteriaSummary | undefined): PhaseView["criteria"] {
  if (summary) return { state: summary.state, text: summary.text };
  return phase.successCriteria.length
    ? { state: "unknown", text: "unknown: not evaluated yet" }
    : { state: "no-criteria", text: NO_CRITERIA_TEXT };
}

function blockersOf(view: PhaseView): Blocker[] {
  const blockers: Blocker[] = [];
  const { effective } = view;
  if (effective.gate && !effective.gate.open) blockers.push({ kind: "gate", text: effective.gate.text });
  else if (effective.status === "held" || effective.status === "blocked")
    blockers.push({ kind: "status", text: effective.reason ?? effective.status });
  if (view.criteria.state !== "met") blockers.push({ kind: "criteria", text: view.criteria.text });
  if (view.openActions.length) {
    const list = view.openActions.map((a) => `${a.title} (${ACTION_STATUS_TEXT[a.status]})`).join(", ");
    blockers.push({
      kind: "actions",
      text: `${view.openActions.length} open action${view.openActions.length === 1 ? "" : "s"}: ${list}`,
    });
  }
  return blockers;
}

/** Phase progress for leadership: how many are done, which is current, what blocks it. */
export function phaseProgress(
  phases: readonly TrackerPhase[],
  summaries: Readonly<Record<string, CriteriaSummary | undefined>>,
): PhaseProgress {
  const views: PhaseView[] = [...phases]
    .sort((a, b) => a.order - b.order)
    .map((p) => ({
      id: p.id,
      order: p.order,
      name: p.name,
      ownerTeam: p.ownerTeam,
      blocking: p.blocking,
      effective: effectiveStatus(p, phases),
      criteria: criteriaOf(p, summaries[p.id]),
      openActions: p.actions.filter((a) => a.status !== "done"),
    }));
  const done = views.filter((v) => v.effective.status === "done").length;
  const current =
    views.find((v) => v.effective.status === "active") ?? views.find((v) => v.effective.status !== "done") ?? null;
  return {
    done,
    total: views.length,
    text: `${done} of ${views.length} phase${views.length === 1 ? "" : "s"} done`,
    current,
    blockers: current ? blockersOf(current) : [],
    phases: views,
  };
}
