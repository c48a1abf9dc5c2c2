import { formatAge } from "@/lib/core/format";
import { astOf, comparisons, type Evaluation } from "@/lib/criteria/core";
import {
  effectiveStatus,
  phaseProgress,
  summarizeCriteria,
  type CriteriaSummary,
  type CriterionHistoryEntry,
  type TrackerPhase,
} from "@/lib/tracker/core";
import { chartFor, evidenceLink } from "./links";
import { linkedChangeView, liveActions, trackerPhases } from "./overlay";
import type { TrackerRows } from "./store";
import { conflictText } from "./sync-plan";
import type { ConflictView, CriterionView, DecisionView, Incident, PhaseView, TrackerView } from "./types";

/**
 * The tracker as the page shows it, from the config and the stored rows. Pure: the clock
 * comes in as `now`. Results older than STALE_EVALUATION_MS show as unknown — an evaluator
 * that stopped must not leave an old pass on screen.
 */
export const STALE_EVALUATION_MS = 5 * 60_000;

function storedEvaluation(text: string | null): Evaluation | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as Partial<Evaluation>;
    return typeof v.result === "string" && Array.isArray(v.terms) ? (v as Evaluation) : null;
  } catch {
    return null;
  }
}

function storedProblem(text: string | null): string | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as { problem?: unknown };
    return typeof v.problem === "string" ? v.problem : null;
  } catch {
    return null;
  }
}

function staleEvaluation(ev: Evaluation, ageMs: number): Evaluation {
  return {
    ...ev,
    result: "unknown",
    reason: `last evaluated ${formatAge(ageMs / 1_000)} ago; the evaluation is not current`,
  };
}

function criteriaOf(
  phase: TrackerPhase,
  rows: TrackerRows,
  now: number,
): { summary: CriteriaSummary; problems: Map<string, string | null> } {
  const evaluations: Record<string, Evaluation | undefined> = {};
  const history: CriterionHistoryEntry[] = [];
  const problems = new Map<string, string | null>();
  for (const c of phase.successCriteria) {
    const row = rows.criteria.find((r) => r.phase_id === phase.id && r.criterion_id === c.id);
    // A row for an older expression says nothing about the current one.
    if (!row || row.expr !== c.expr) continue;
    problems.set(c.id, storedProblem(row.evaluation));
    const ev = storedEvaluation(row.evaluation);
    if (!ev) continue;
    const age = now - row.evaluated_at;
    evaluations[c.id] = age > STALE_EVALUATION_MS ? staleEvaluation(ev, age) : ev;
    if (row.held_since !== null && age <= STALE_EVALUATION_MS)
      history.push({
        criterionId: c.id,
        phaseId: phase.id,
        result: "pass",
        at: new Date(row.held_since).toISOString(),
      });
  }
  // The hold is measured up to the last evaluation, not to now: only observed time counts.
  const at = rows.meta?.evaluated_at ?? now;
  return {
    summary: summarizeCriteria(phase, evaluations, history, new Date(Math.min(at, now)), {
      maxGapSeconds: Number.POSITIVE_INFINITY,
    }),
    problems,
  };
}

function criterionView(
  phase: TrackerPhase,
  summary: CriteriaSummary,
  problems: Map<string, string | null>,
  now: number,
): CriterionView[] {
  return summary.criteria.map((s) => {
    const config = phase.successCriteria.find((c) => c.id === s.criterionId);
    const parsed = astOf(config ?? s);
    const first = parsed.ok ? comparisons(parsed.ast)[0] : undefined;
    const ev = s.evaluation;
    const problem = problems.get(s.criterionId) ?? s.problem ?? null;
    return {
      id: s.criterionId,
      text: s.text,
      expr: s.expr,
      holdFor: config?.holdFor ?? null,
      result: s.result,
      measured: ev?.measured ?? "no data",
      window: ev?.window ?? first?.window ?? null,
      measuredAt: ev?.measuredAt ?? null,
      evaluatedAt: ev?.evaluatedAt ?? null,
      reason: ev?.reason ?? (problem ? null : ev ? null : "not evaluated yet"),
      heldSince: s.heldSince,
      heldForSeconds: s.heldForSeconds,
      held: s.held,
      remainingSeconds: s.remainingSeconds,
      problem,
      chart: first ? chartFor(first.measurement, now) : null,
      terms: (ev?.terms ?? []).map((t) => ({
        subject: t.subject,
        result: t.result,
        measured: t.measured,
        window: t.window,
        measuredAt: t.measuredAt,
      })),
    };
  });
}

function lastDecision(rows: TrackerRows, phaseId: string): DecisionView | null {
  const row = rows.decisions.find((d) => d.phase_id === phaseId);
  if (!row || (row.decision !== "close" && row.decision !== "reopen")) return null;
  return { decision: row.decision, decidedAt: new Date(row.decided_at).toISOString(), reason: row.reason };
}

function conflictsOf(rows: TrackerRows): ConflictView[] {
  const parse = (t: string | null): unknown => (t === null ? null : (JSON.parse(t) as unknown));
  return rows.conflicts.map((c) => {
    const v = {
      phaseId: c.phase_id,
      actionId: c.action_id || null,
      field: c.field,
      storeValue: parse(c.store_value),
      configValue: parse(c.config_value),
    };
    return { id: c.id, ...v, detectedAt: new Date(c.detected_at).toISOString(), text: conflictText(v) };
  });
}

export function buildView(incident: Incident, rows: TrackerRows, now: number): TrackerView {
  const phases = trackerPhases(incident, rows.phases, rows.actions);
  const summaries: Record<string, CriteriaSummary> = {};
  const views: PhaseView[] = phases.map((phase) => {
    const config = incident.phases.find((p) => p.id === phase.id);
    const row = rows.phases.find((r) => r.phase_id === phase.id);
    const { summary, problems } = criteriaOf(phase, rows, now);
    summaries[phase.id] = summary;
    const effective = effectiveStatus(phase, phases);
    return {
      id: phase.id,
      order: phase.order,
      name: phase.name,
      ownerTeam: phase.ownerTeam,
      timeline: config?.timeline ?? null,
      blocking: phase.blocking,
      autoClose: phase.autoClose,
      startsAfter: phase.startsAfter ?? null,
      status: phase.status,
      effective,
      version: row?.version ?? 0,
      updatedAt: new Date(row?.updated_at ?? now).toISOString(),
      updatedBy: row?.updated_by ?? "staging config",
      criteriaState: summary.state,
      criteriaText: summary.text,
      readyToClose: phase.status !== "done" && effective.status === "active" && summary.state === "met",
      criteria: criterionView(phase, summary, problems, now),
      actions: liveActions(rows.actions, phase.id),
      lastDecision: lastDecision(rows, phase.id),
    };
  });
  const progress = phaseProgress(phases, summaries);
  return {
    incident: {
      id: incident.id,
      title: incident.title,
      severity: incident.severity,
      status: incident.status,
      businessImpact: incident.businessImpact,
    },
    fiveWhys: incident.fiveWhys.map((w) => ({
      question: w.question,
      answer: w.answer,
      evidence: w.evidence ? { ...evidenceLink(w.evidence), kind: w.evidence.kind, ref: w.evidence.ref } : null,
    })),
    rootCauses: incident.rootCauses,
    phases: views.sort((a, b) => a.order - b.order),
    progress: {
      done: progress.done,
      total: progress.total,
      text: progress.text,
      currentPhaseId: progress.current?.id ?? null,
      blockers: progress.blockers,
    },
    conflicts: conflictsOf(rows),
    evaluatedAt: rows.meta?.evaluated_at ? new Date(rows.meta.evaluated_at).toISOString() : null,
    evaluationError: rows.meta?.evaluation_error ?? null,
    // Links to actions no longer shown (deleted) are left out with them.
    changeLinks: rows.changeLinks
      .filter((l) =>
        rows.actions.some((a) => a.action_id === l.action_id && a.phase_id === l.phase_id && a.deleted_at === null),
      )
      .map(linkedChangeView),
  };
}
