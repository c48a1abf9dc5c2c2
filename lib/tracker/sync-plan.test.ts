import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseStagingConfig } from "@/lib/config/staging-config";
import { conflictText, planSync, type ActionFields } from "./sync-plan";
import type { ActionRow, ConflictRow, PhaseRow } from "./store";
import type { Incident } from "./types";

const seed = parseStagingConfig(readFileSync("staging.config.json", "utf8"), "staging.config.json", {}).incident;

function phaseRow(phaseId: string, status: string, base: string): PhaseRow {
  return {
    incident_id: seed.id,
    phase_id: phaseId,
    status,
    base_status: base,
    version: 1,
    updated_at: 0,
    updated_by: "x",
  };
}

const scale: ActionFields = {
  title: "VPC connector scaling",
  owner: "Infrastructure Team",
  status: "in-progress",
  due: null,
  links: [],
};

function actionRow(fields: ActionFields, base: ActionFields | null, over: Partial<ActionRow> = {}): ActionRow {
  return {
    incident_id: seed.id,
    phase_id: "infrastructure",
    action_id: "scale-connector",
    ...fields,
    links: JSON.stringify(fields.links),
    position: 0,
    source: base ? "config" : "ui",
    base: base ? JSON.stringify(base) : null,
    deleted_at: null,
    version: 1,
    created_at: 0,
    updated_at: 0,
    updated_by: "x",
    ...over,
  };
}

const STATUSES = ["todo", "in-progress", "held", "done"] as const;
const asStatus = (s: string) => STATUSES.find((x) => x === s) ?? "todo";

/** The seed incident with phase 1's first action replaced. */
function withScale(fields: Partial<ActionFields> | null): Incident {
  return {
    ...seed,
    phases: seed.phases.map((p) =>
      p.id !== "infrastructure"
        ? p
        : {
            ...p,
            actions:
              fields === null
                ? p.actions.filter((a) => a.id !== "scale-connector")
                : p.actions.map((a) =>
                    a.id === "scale-connector"
                      ? { ...a, ...fields, status: asStatus(fields.status ?? a.status), due: fields.due ?? undefined }
                      : a,
                  ),
          },
    ),
  };
}

/** Rows as if the seed had been synced, with overrides. */
function synced(phaseStatus = "active", scaleRow = actionRow(scale, scale)) {
  const phases = seed.phases.map((p) =>
    p.id === "infrastructure" ? phaseRow(p.id, phaseStatus, "active") : phaseRow(p.id, p.status, p.status),
  );
  const others = seed.phases.flatMap((p) =>
    p.actions
      .filter((a) => a.id !== "scale-connector")
      .map((a) => {
        const f = { title: a.title, owner: a.owner, status: a.status, due: null, links: [] };
        return actionRow(f, f, { phase_id: p.id, action_id: a.id });
      }),
  );
  return { phases, actions: [scaleRow, ...others] };
}

describe("planSync", () => {
  it("seeds every phase and action of the config into an empty store", () => {
    const ops = planSync(seed, [], [], []);
    expect(ops.filter((o) => o.kind === "insert-phase").map((o) => o.phaseId)).toEqual([
      "infrastructure",
      "application-cleanup",
      "validation",
    ]);
    expect(ops.filter((o) => o.kind === "insert-action")).toHaveLength(8);
  });

  it("does nothing when neither side changed", () => {
    const { phases, actions } = synced();
    expect(planSync(seed, phases, actions, [])).toEqual([]);
  });

  it("keeps a page edit the config does not touch, without a conflict", () => {
    const { phases, actions } = synced("blocked", actionRow({ ...scale, status: "done" }, scale));
    expect(planSync(seed, phases, actions, [])).toEqual([]);
  });

  const cases: { name: string; stored: Partial<ActionFields>; config: Partial<ActionFields>; kind: string }[] = [
    {
      name: "config changed a field nobody edited → taken over",
      stored: {},
      config: { owner: "Platform Team" },
      kind: "adopt-action",
    },
    {
      name: "both changed it to the same value → base moves",
      stored: { status: "done" },
      config: { status: "done" },
      kind: "rebase-action",
    },
    {
      name: "both changed it differently → conflict, page kept",
      stored: { status: "done" },
      config: { status: "held" },
      kind: "conflict",
    },
    {
      name: "config added a due date nobody set → taken over",
      stored: {},
      config: { due: "2025-10-01" },
      kind: "adopt-action",
    },
    {
      name: "page and config set different links → conflict",
      stored: { links: ["https://a.example/1"] },
      config: { links: ["https://b.example/2"] },
      kind: "conflict",
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { phases, actions } = synced("active", actionRow({ ...scale, ...c.stored }, scale));
      const ops = planSync(withScale(c.config), phases, actions, []);
      expect(ops.map((o) => o.kind)).toEqual([c.kind]);
    });
  }

  it("adopts a config change to a phase status nobody edited; a contradicting edit is a conflict", () => {
    const changed: Incident = {
      ...seed,
      phases: seed.phases.map((p) => (p.id === "infrastructure" ? { ...p, status: "blocked" } : p)),
    };
    const untouched = synced("active");
    expect(planSync(changed, untouched.phases, untouched.actions, [])).toEqual([
      { kind: "adopt-phase", phaseId: "infrastructure", from: "active", to: "blocked" },
    ]);
    const edited = synced("done");
    expect(planSync(changed, edited.phases, edited.actions, [])).toEqual([
      {
        kind: "conflict",
        phaseId: "infrastructure",
        actionId: "",
        field: "status",
        storeValue: "done",
        configValue: "blocked",
      },
    ]);
  });

  it("reports an open conflict once, and follows the config if it changes again", () => {
    const { phases, actions } = synced("active", actionRow({ ...scale, status: "done" }, scale));
    const first = planSync(withScale({ status: "held" }), phases, actions, []);
    const op = first[0];
    if (op?.kind !== "conflict") throw new Error("expected a conflict");
    const open: ConflictRow = {
      id: "c1",
      incident_id: seed.id,
      phase_id: op.phaseId,
      action_id: op.actionId,
      field: op.field,
      store_value: JSON.stringify(op.storeValue),
      config_value: JSON.stringify(op.configValue),
      detected_at: 0,
      resolved_at: null,
      resolved_by: null,
      resolution: null,
    };
    expect(planSync(withScale({ status: "held" }), phases, actions, [open])).toEqual([]);
    expect(planSync(withScale({ status: "todo" }), phases, actions, [open])).toEqual([
      { kind: "update-conflict", id: "c1", configValue: "todo" },
    ]);
  });

  it("removes an action the config dropped only if nobody edited it", () => {
    const untouched = synced();
    expect(planSync(withScale(null), untouched.phases, untouched.actions, []).map((o) => o.kind)).toEqual([
      "remove-action",
    ]);
    const edited = synced("active", actionRow({ ...scale, owner: "Alice" }, scale));
    expect(planSync(withScale(null), edited.phases, edited.actions, [])).toEqual([
      {
        kind: "conflict",
        phaseId: "infrastructure",
        actionId: "scale-connector",
        field: "removed",
        storeValue: { ...scale, owner: "Alice" },
        configValue: null,
      },
    ]);
  });

  it("does not bring back an action removed on the page; reports it when the config changed it", () => {
    const removed = synced("active", actionRow(scale, scale, { deleted_at: 5 }));
    expect(planSync(seed, removed.phases, removed.actions, [])).toEqual([]);
    expect(
      planSync(withScale({ title: "Scale the connector to e2-standard-4" }), removed.phases, removed.actions, []).map(
        (o) => o.kind,
      ),
    ).toEqual(["conflict"]);
  });

  it("leaves actions added on the page alone", () => {
    const { phases, actions } = synced();
    const added = actionRow({ ...scale, title: "Call Google support" }, null, {
      action_id: "ui-1a2b3c4d",
      position: 1000,
    });
    expect(planSync(seed, phases, [...actions, added], [])).toEqual([]);
  });
});

describe("conflictText", () => {
  it("says what each side holds and that the page's value is kept", () => {
    expect(
      conflictText({
        phaseId: "infrastructure",
        actionId: "scale-connector",
        field: "status",
        storeValue: "done",
        configValue: "held",
      }),
    ).toBe(
      'action "scale-connector" of phase "infrastructure": status is "done" here (edited on this page) but "held" in the config; the page\'s value is kept.',
    );
  });
});
