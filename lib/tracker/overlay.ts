import type { PhaseStatus, TrackerAction, TrackerPhase } from "@/lib/tracker/core";
import { ACTION_STATUSES, PHASE_STATUSES } from "./schemas";
import type { TrackerTables } from "@/lib/store/schema";
import type { ActionRow, PhaseRow } from "./store";
import { parseLinks } from "./sync-plan";
import type { ActionStatus, ActionView, Incident, LinkedChangeView } from "./types";

/**
 * The incident as it stands: structure (phases, gates, criteria) from the config, status and
 * actions from the store, where the page's edits live. Pure.
 */

const isPhaseStatus = (s: string): s is PhaseStatus => (PHASE_STATUSES as readonly string[]).includes(s);
const isActionStatus = (s: string): s is ActionStatus => (ACTION_STATUSES as readonly string[]).includes(s);

export function actionView(row: ActionRow): ActionView {
  return {
    id: row.action_id,
    phaseId: row.phase_id,
    title: row.title,
    owner: row.owner,
    // Every write is validated; an unknown value can only come from a hand-edited database.
    status: isActionStatus(row.status) ? row.status : "todo",
    due: row.due,
    links: parseLinks(row.links),
    source: row.source === "ui" ? "ui" : "config",
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
    updatedBy: row.updated_by,
  };
}

export function liveActions(rows: readonly ActionRow[], phaseId: string): ActionView[] {
  return rows.filter((a) => a.phase_id === phaseId && a.deleted_at === null).map(actionView);
}

export function phaseStatusOf(row: PhaseRow | undefined, fallback: PhaseStatus): PhaseStatus {
  return row && isPhaseStatus(row.status) ? row.status : fallback;
}

export function trackerPhases(
  incident: Incident,
  phases: readonly PhaseRow[],
  actions: readonly ActionRow[],
): TrackerPhase[] {
  return incident.phases.map((p) => {
    const row = phases.find((r) => r.phase_id === p.id);
    const stored: TrackerAction[] = liveActions(actions, p.id).map(({ id, title, owner, status, due }) => ({
      id,
      title,
      owner,
      status,
      ...(due ? { due } : {}),
    }));
    return {
      id: p.id,
      order: p.order,
      name: p.name,
      ownerTeam: p.ownerTeam,
      status: phaseStatusOf(row, p.status),
      blocking: p.blocking,
      startsAfter: p.startsAfter,
      autoClose: p.autoClose,
      // Before the first sync the store has no actions: the config's are the truth then.
      actions: row ? stored : p.actions,
      successCriteria: p.successCriteria,
    };
  });
}

export type ChangeLinkRow = TrackerTables["tracker_action_change"];

export function linkedChangeView(r: Omit<ChangeLinkRow, "incident_id">): LinkedChangeView {
  return {
    phaseId: r.phase_id,
    actionId: r.action_id,
    changeId: r.change_id,
    kind: r.kind,
    resource: { type: r.resource_type, name: r.resource_name },
    summary: r.summary,
    outcome: r.outcome,
    // PostgreSQL hands bigint columns over as strings.
    startedAt: new Date(Number(r.started_at)).toISOString(),
    explorerUrl: r.explorer_url,
    linkedAt: new Date(Number(r.linked_at)).toISOString(),
    linkedBy: r.linked_by,
  };
}
