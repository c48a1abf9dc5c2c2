import type { TrackerTables } from "@/lib/store/schema";
import type { Incident } from "./types";

/**
 * How a (re-)read staging config meets the edits made on the page. Pure: rows in, operations
 * out; `sync.ts` applies them in one transaction.
 *
 * Each stored field remembers the config's value at the last sync (its "base"). Per field:
 *   config = base             → the config did not change it: the stored value stands;
 *   config ≠ base, stored = base → nobody edited it on the page: take the config's value;
 *   config ≠ base, stored = config → both agree: just move the base;
 *   otherwise                 → a conflict: the page's edit is kept and the conflict reported.
 * So re-reading the config never overwrites an edit silently.
 */

type PhaseRow = TrackerTables["tracker_phase"];
type ActionRow = TrackerTables["tracker_action"];
type ConflictRow = TrackerTables["tracker_conflict"];

export const ACTION_FIELDS = ["title", "owner", "status", "due", "links"] as const;
export type ActionField = (typeof ACTION_FIELDS)[number];
export type ActionFields = { title: string; owner: string; status: string; due: string | null; links: string[] };

export type SyncOp =
  | { kind: "insert-phase"; phaseId: string; status: string }
  | { kind: "adopt-phase"; phaseId: string; from: string; to: string }
  | { kind: "rebase-phase"; phaseId: string; base: string }
  | { kind: "insert-action"; phaseId: string; actionId: string; fields: ActionFields; position: number }
  | {
      kind: "adopt-action";
      phaseId: string;
      actionId: string;
      before: Partial<ActionFields>;
      after: Partial<ActionFields>;
      base: ActionFields;
    }
  | { kind: "rebase-action"; phaseId: string; actionId: string; base: ActionFields }
  | { kind: "remove-action"; phaseId: string; actionId: string; before: ActionFields }
  | { kind: "conflict"; phaseId: string; actionId: string; field: string; storeValue: unknown; configValue: unknown }
  | { kind: "update-conflict"; id: string; configValue: unknown };

export function storedFields(row: ActionRow): ActionFields {
  return { title: row.title, owner: row.owner, status: row.status, due: row.due, links: parseLinks(row.links) };
}

export function parseLinks(text: string): string[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

export function parseBase(text: string | null): ActionFields | null {
  if (text === null) return null;
  try {
    const v = JSON.parse(text) as Partial<ActionFields>;
    return {
      title: String(v.title ?? ""),
      owner: String(v.owner ?? ""),
      status: String(v.status ?? ""),
      due: typeof v.due === "string" ? v.due : null,
      links: Array.isArray(v.links) ? v.links.filter((x): x is string => typeof x === "string") : [],
    };
  } catch {
    return null;
  }
}

function configFields(a: Incident["phases"][number]["actions"][number]): ActionFields {
  return { title: a.title, owner: a.owner, status: a.status, due: a.due ?? null, links: a.links };
}

export const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function planSync(
  incident: Incident,
  phases: readonly PhaseRow[],
  actions: readonly ActionRow[],
  openConflicts: readonly ConflictRow[],
): SyncOp[] {
  const ops: SyncOp[] = [];
  const conflict = (phaseId: string, actionId: string, field: string, storeValue: unknown, configValue: unknown) => {
    const open = openConflicts.find((c) => c.phase_id === phaseId && c.action_id === actionId && c.field === field);
    if (!open) ops.push({ kind: "conflict", phaseId, actionId, field, storeValue, configValue });
    else if (!same(open.config_value === null ? null : JSON.parse(open.config_value), configValue)) {
      ops.push({ kind: "update-conflict", id: open.id, configValue });
    }
  };

  for (const phase of incident.phases) {
    const row = phases.find((p) => p.phase_id === phase.id);
    if (!row) ops.push({ kind: "insert-phase", phaseId: phase.id, status: phase.status });
    else if (phase.status !== row.base_status) {
      if (row.status === row.base_status)
        ops.push({ kind: "adopt-phase", phaseId: phase.id, from: row.status, to: phase.status });
      else if (row.status === phase.status) ops.push({ kind: "rebase-phase", phaseId: phase.id, base: phase.status });
      else conflict(phase.id, "", "status", row.status, phase.status);
    }

    const ofPhase = actions.filter((a) => a.phase_id === phase.id);
    phase.actions.forEach((action, position) => {
      const cfg = configFields(action);
      const stored = ofPhase.find((a) => a.action_id === action.id);
      if (!stored)
        return ops.push({ kind: "insert-action", phaseId: phase.id, actionId: action.id, fields: cfg, position });
      const base = parseBase(stored.base);
      if (base === null) {
        // Added on the page under an id the config now uses too: the page's action stays.
        return conflict(phase.id, action.id, "removed", storedFields(stored), cfg);
      }
      if (stored.deleted_at !== null) {
        if (!same(base, cfg)) conflict(phase.id, action.id, "removed", null, cfg);
        return;
      }
      const cur = storedFields(stored);
      const before: Partial<ActionFields> = {};
      const after: Partial<ActionFields> = {};
      let rebase = false;
      for (const f of ACTION_FIELDS) {
        if (same(cfg[f], base[f])) continue;
        if (same(cur[f], base[f])) {
          Object.assign(before, { [f]: cur[f] });
          Object.assign(after, { [f]: cfg[f] });
        } else if (same(cur[f], cfg[f])) rebase = true;
        else conflict(phase.id, action.id, f, cur[f], cfg[f]);
      }
      // The base moves only for fields without a conflict, so an open conflict stays visible.
      const nextBase = { ...base };
      for (const f of ACTION_FIELDS) {
        const conflicted = !same(cfg[f], base[f]) && !same(cur[f], base[f]) && !same(cur[f], cfg[f]);
        if (!conflicted) Object.assign(nextBase, { [f]: cfg[f] });
      }
      if (Object.keys(after).length)
        ops.push({ kind: "adopt-action", phaseId: phase.id, actionId: action.id, before, after, base: nextBase });
      else if (rebase) ops.push({ kind: "rebase-action", phaseId: phase.id, actionId: action.id, base: nextBase });
    });

    for (const stored of ofPhase) {
      if (stored.source !== "config" || stored.deleted_at !== null) continue;
      if (phase.actions.some((a) => a.id === stored.action_id)) continue;
      const base = parseBase(stored.base);
      const cur = storedFields(stored);
      if (base && same(cur, base))
        ops.push({ kind: "remove-action", phaseId: phase.id, actionId: stored.action_id, before: cur });
      else conflict(phase.id, stored.action_id, "removed", cur, null);
    }
  }
  return ops;
}

/** One line for people: what the page holds against what the config now says. */
export function conflictText(c: {
  phaseId: string;
  actionId: string | null;
  field: string;
  storeValue: unknown;
  configValue: unknown;
}): string {
  const show = (v: unknown) =>
    v === null || v === undefined ? "nothing" : typeof v === "string" ? `"${v}"` : JSON.stringify(v);
  const where = c.actionId ? `action "${c.actionId}" of phase "${c.phaseId}"` : `phase "${c.phaseId}"`;
  if (c.field === "removed") {
    if (c.configValue === null) return `The config no longer has ${where}, but it was edited on this page; it is kept.`;
    if (c.storeValue === null) return `${where} was removed on this page, but the config changed it; it stays removed.`;
    return `The config now defines ${where}, which was added on this page; the page's version is kept.`;
  }
  return `${where}: ${c.field} is ${show(c.storeValue)} here (edited on this page) but ${show(c.configValue)} in the config; the page's value is kept.`;
}
