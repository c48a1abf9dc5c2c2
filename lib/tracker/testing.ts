// Builders shared by the tracker's tests only.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseStagingConfig } from "@/lib/config/staging-config";
import type { StagingConfig } from "@/lib/config/core/staging-schema";
import { parseCriterion } from "@/lib/criteria/core";
import { openStore, type Store } from "@/lib/store/db";
import type { TrackerContext } from "./state";
import type { ActionRow, CriterionRow, PhaseRow, TrackerRows } from "./store";
import type { Incident } from "./types";

export function seedConfig(): StagingConfig {
  return parseStagingConfig(fs.readFileSync("staging.config.json", "utf8"), "staging.config.json", {});
}

/** A success criterion as the config loader makes it: its expression parsed into `ast`. */
export function criterion(c: Omit<Incident["phases"][number]["successCriteria"][number], "ast">) {
  const parsed = parseCriterion(c.expr);
  if (!parsed.ok) throw new Error(`criterion ${c.id}: ${parsed.error.message}`);
  return { ...c, ast: parsed.ast };
}

export function seedIncident(): Incident {
  return seedConfig().incident;
}

/** A SQLite file in a fresh temp folder; reopen it with `openStore({ sqlitePath })` to "restart". */
export async function tempSqlite(): Promise<{ store: Store; sqlitePath: string; cleanup: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sw-tracker-"));
  const sqlitePath = path.join(dir, "tracker.sqlite");
  const store = await openStore({ sqlitePath });
  return {
    store,
    sqlitePath,
    cleanup: async () => {
      await store.close().catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The seed incident with one phase changed. */
export function withPhase(
  incident: Incident,
  phaseId: string,
  change: (p: Incident["phases"][number]) => Incident["phases"][number],
): Incident {
  return { ...incident, phases: incident.phases.map((p) => (p.id === phaseId ? change(p) : p)) };
}

export function context(store: Store, incident: Incident = seedIncident()): TrackerContext {
  return { store, incident };
}

export const ENGINEER = { name: "engineer", role: "engineer" } as const;
export const ADMIN = { name: "admin", role: "admin" } as const;

/** Rows as the store holds them right after syncing `incident`, evaluated at `evaluatedAt`. */
export function syncedRows(incident: Incident, evaluatedAt: number, criteria: CriterionRow[] = []): TrackerRows {
  const phases: PhaseRow[] = incident.phases.map((p) => ({
    incident_id: incident.id,
    phase_id: p.id,
    status: p.status,
    base_status: p.status,
    version: 1,
    updated_at: 0,
    updated_by: "staging config",
  }));
  const actions: ActionRow[] = incident.phases.flatMap((p) =>
    p.actions.map((a, i) => ({
      incident_id: incident.id,
      phase_id: p.id,
      action_id: a.id,
      title: a.title,
      owner: a.owner,
      status: a.status,
      due: a.due ?? null,
      links: JSON.stringify(a.links),
      position: i,
      source: "config",
      base: null,
      deleted_at: null,
      version: 1,
      created_at: 0,
      updated_at: 0,
      updated_by: "staging config",
    })),
  );
  return {
    phases,
    actions,
    criteria,
    conflicts: [],
    decisions: [],
    meta: { incident_id: incident.id, evaluated_at: evaluatedAt, evaluation_error: null },
    changeLinks: [],
  };
}
