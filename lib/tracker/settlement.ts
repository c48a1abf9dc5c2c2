import type { PhaseConfig } from "@/lib/config/core/staging-schema";
import type { ActionRow } from "./store";
import { ACTION_FIELDS, parseBase, type ActionFields } from "./sync-plan";

/**
 * How a config conflict settles, as data: keeping the page's value makes the config's the new
 * base (so it is not reported again); taking the config's changes the stored value (a new
 * version). Pure: the store applies what these return.
 */

export type Keep = "store" | "config";

/** A configured action's fields in the shape they are stored and compared in. */
export function configFields(cfg: PhaseConfig["actions"][number]): ActionFields {
  return { title: cfg.title, owner: cfg.owner, status: cfg.status, due: cfg.due ?? null, links: cfg.links };
}

/** A phase's status conflict settled: what to store, with a new version only if the status changes. */
export function phaseSettlement(
  row: { status: string; version: number },
  configStatus: string,
  keep: Keep,
  actor: string,
  now: number,
) {
  const next = keep === "config" ? configStatus : row.status;
  return {
    status: next,
    base_status: configStatus,
    version: row.version + (next === row.status ? 0 : 1),
    updated_at: now,
    updated_by: actor,
  };
}

/** The stored change that settles an action's conflict on `field`; null when nothing changes. */
export function actionSettlement(
  row: ActionRow,
  cfg: ActionFields | null,
  field: string,
  keep: Keep,
  actor: string,
  now: number,
): Partial<ActionRow> | null {
  const bump = { version: row.version + 1, updated_at: now, updated_by: actor };
  if (field === "removed") {
    // Gone from the config: keeping it makes it the page's own action; otherwise it goes.
    if (cfg === null) return keep === "store" ? { source: "ui", base: null } : { deleted_at: now, ...bump };
    if (keep === "store") return { base: JSON.stringify(cfg) };
    return {
      ...cfg,
      links: JSON.stringify(cfg.links),
      source: "config",
      base: JSON.stringify(cfg),
      deleted_at: null,
      ...bump,
    };
  }
  const f = ACTION_FIELDS.find((x) => x === field);
  if (cfg === null || !f) return null;
  const base = JSON.stringify({ ...(parseBase(row.base) ?? cfg), [f]: cfg[f] });
  if (keep === "store") return { base };
  return { [f]: f === "links" ? JSON.stringify(cfg.links) : cfg[f], base, ...bump };
}

/** The audit's before and after of a settled conflict: the stored value, then the kept one. */
export function settledValues(
  c: { field: string; store_value: string | null; config_value: string | null },
  keep: Keep,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const parsed = (text: string | null): unknown => (text === null ? null : (JSON.parse(text) as unknown));
  return {
    before: { [c.field]: parsed(c.store_value) },
    after: { [c.field]: parsed(keep === "store" ? c.store_value : c.config_value) },
  };
}
