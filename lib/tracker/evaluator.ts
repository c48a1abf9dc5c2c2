import "server-only";
import { collectEvidence, liveSources, type EvidenceSources } from "@/lib/evidence/snapshot";
import { dataNeedsOfAll, type Evaluation, type Expr } from "@/lib/criteria/core";
import {
  decidePhase,
  DEFAULT_MAX_GAP_SECONDS,
  summarizeCriteria,
  type CriterionHistoryEntry,
  type PhaseDecision,
} from "@/lib/tracker/core";
import { evaluateCriterion, nextHeldSince, parsePhases } from "@/lib/tracker/core/criteria-eval";
import { maxAgeFor } from "./max-age";
import { trackerPhases } from "./overlay";
import { readTracker, type TrackerContext } from "./state";
import { newId, writeAudit } from "@/lib/store/audit";
import type { CriterionRow, Db } from "./store";
import { SYSTEM_ACTOR } from "./types";
import { blockingPhases } from "@/lib/tracker/core";

/**
 * One evaluation run: every phase's criteria against live evidence, each criterion's hold
 * carried forward and stored (so "held for" survives restarts), then the automatic step per
 * phase — close with a frozen evidence snapshot when configured, reopen on a regression.
 */

export interface EvaluatorOptions {
  sources?: EvidenceSources;
  maxGapSeconds?: number;
}

export interface EvaluationRun {
  evaluatedAt: number;
  decisions: { phaseId: string; decision: PhaseDecision }[];
}

const resultSummary = (ev: Evaluation | null, problem: string | null) =>
  ev ? `${ev.result} (${ev.measured})` : `unknown (${problem ?? "not evaluated"})`;

async function storeCriteria(
  db: Db,
  ctx: TrackerContext,
  rows: CriterionRow[],
  previous: readonly CriterionRow[],
  texts: Map<string, string>,
  now: number,
): Promise<void> {
  for (const row of rows) {
    await db
      .insertInto("tracker_criterion")
      .values(row)
      .onConflict((oc) =>
        oc.columns(["incident_id", "phase_id", "criterion_id"]).doUpdateSet({
          expr: row.expr,
          result: row.result,
          held_since: row.held_since,
          evaluated_at: row.evaluated_at,
          evaluation: row.evaluation,
        }),
      )
      .execute();
    const prev = previous.find((p) => p.phase_id === row.phase_id && p.criterion_id === row.criterion_id);
    // Transitions only: the trail says when a criterion started or stopped passing.
    if (prev && prev.result !== row.result) {
      const ev = row.evaluation ? (JSON.parse(row.evaluation) as Evaluation) : null;
      await writeAudit(db, {
        incidentId: ctx.incident.id,
        at: now,
        actor: SYSTEM_ACTOR,
        entity: "criterion",
        phaseId: row.phase_id,
        entityId: row.criterion_id,
        change: "result",
        summary: `"${texts.get(`${row.phase_id}/${row.criterion_id}`) ?? row.criterion_id}": ${prev.result} → ${resultSummary(ev, null)}`,
        before: { result: prev.result },
        after: { result: row.result, measured: ev?.measured ?? null },
        reason: ev?.reason ?? null,
      });
    }
  }
}

async function applyDecision(
  db: Db,
  ctx: TrackerContext,
  phaseId: string,
  version: number,
  decision: PhaseDecision,
  now: number,
): Promise<boolean> {
  if (decision.kind !== "close" && decision.kind !== "reopen") return false;
  const before = decision.kind === "close" ? "active" : "done";
  const updated = await db
    .updateTable("tracker_phase")
    .set({ status: decision.nextStatus, version: version + 1, updated_at: now, updated_by: SYSTEM_ACTOR.name })
    .where("incident_id", "=", ctx.incident.id)
    .where("phase_id", "=", phaseId)
    .where("version", "=", version)
    .executeTakeFirst();
  // Someone changed the phase since it was read: their decision stands; the next run re-decides.
  if (Number(updated.numUpdatedRows) !== 1) return false;
  await db
    .insertInto("tracker_evidence")
    .values({
      id: newId(),
      incident_id: ctx.incident.id,
      phase_id: phaseId,
      decision: decision.kind,
      decided_at: now,
      reason: decision.reason,
      evidence: JSON.stringify(decision.evidence),
    })
    .execute();
  await writeAudit(db, {
    incidentId: ctx.incident.id,
    at: now,
    actor: SYSTEM_ACTOR,
    entity: "phase",
    phaseId,
    entityId: phaseId,
    change: decision.kind,
    summary: `${decision.evidence.phase}: status ${before} → ${decision.nextStatus}`,
    before: { status: before },
    after: { status: decision.nextStatus },
    reason: decision.reason,
  });
  return true;
}

export async function runEvaluation(
  ctx: TrackerContext,
  now: number,
  opts: EvaluatorOptions = {},
): Promise<EvaluationRun> {
  const maxGapMs = (opts.maxGapSeconds ?? DEFAULT_MAX_GAP_SECONDS) * 1_000;
  const rows = await readTracker(ctx, now);
  const phases = trackerPhases(ctx.incident, rows.phases, rows.actions);
  const parsed = parsePhases(phases);
  const needs = dataNeedsOfAll(parsed.map((c) => c.ast).filter((a): a is Expr => a !== null));
  // blocking_phases() is measured from the phases this run read, so the run is consistent.
  const blocking = async () => blockingPhases(phases);
  const sources = { ...(opts.sources ?? liveSources(blocking)), blockingPhases: blocking };
  const { snapshot, problems } = await collectEvidence(needs, now, sources);

  const evaluations = new Map<string, Evaluation | null>();
  const history: CriterionHistoryEntry[] = [];
  const criterionRows: CriterionRow[] = parsed.map((c) => {
    const ev = evaluateCriterion(c, snapshot, problems, now, maxAgeFor);
    evaluations.set(`${c.phaseId}/${c.criterionId}`, ev);
    const prevRow = rows.criteria.find((r) => r.phase_id === c.phaseId && r.criterion_id === c.criterionId);
    const prev = prevRow && {
      expr: prevRow.expr,
      result: prevRow.result,
      heldSince: prevRow.held_since,
      evaluatedAt: prevRow.evaluated_at,
    };
    const heldSince = nextHeldSince(prev, c.expr, ev?.result ?? "unknown", now, maxGapMs);
    // The hold is decided here (with the gap rule); the summary sees it as one pass at its start.
    if (heldSince !== null)
      history.push({
        criterionId: c.criterionId,
        phaseId: c.phaseId,
        result: "pass",
        at: new Date(heldSince).toISOString(),
      });
    return {
      incident_id: ctx.incident.id,
      phase_id: c.phaseId,
      criterion_id: c.criterionId,
      expr: c.expr,
      result: ev?.result ?? "unknown",
      held_since: heldSince,
      evaluated_at: now,
      evaluation: ev ? JSON.stringify(ev) : JSON.stringify({ problem: c.problem }),
    };
  });

  const texts = new Map(phases.flatMap((p) => p.successCriteria.map((c) => [`${p.id}/${c.id}`, c.text] as const)));
  const decisions = phases.map((phase) => {
    const byId = Object.fromEntries(
      phase.successCriteria.map((c) => [c.id, evaluations.get(`${phase.id}/${c.id}`) ?? undefined]),
    );
    const summary = summarizeCriteria(phase, byId, history, new Date(now), { maxGapSeconds: Number.POSITIVE_INFINITY });
    return { phaseId: phase.id, decision: decidePhase(phase, phases, summary, new Date(now)) };
  });

  await ctx.store.db.transaction().execute(async (trx) => {
    await storeCriteria(trx, ctx, criterionRows, rows.criteria, texts, now);
    for (const { phaseId, decision } of decisions) {
      const version = rows.phases.find((p) => p.phase_id === phaseId)?.version;
      if (version !== undefined) await applyDecision(trx, ctx, phaseId, version, decision, now);
    }
    await trx
      .insertInto("tracker_meta")
      .values({ incident_id: ctx.incident.id, evaluated_at: now, evaluation_error: null })
      .onConflict((oc) => oc.column("incident_id").doUpdateSet({ evaluated_at: now, evaluation_error: null }))
      .execute();
  });
  return { evaluatedAt: now, decisions };
}

/** Records why a run failed as a whole, so the page can say so instead of showing old results as current. */
export async function recordEvaluationError(ctx: TrackerContext, err: unknown): Promise<void> {
  const message = err instanceof Error ? err.message : String(err);
  await ctx.store.db
    .insertInto("tracker_meta")
    .values({ incident_id: ctx.incident.id, evaluated_at: null, evaluation_error: message })
    .onConflict((oc) => oc.column("incident_id").doUpdateSet({ evaluation_error: message }))
    .execute();
}
