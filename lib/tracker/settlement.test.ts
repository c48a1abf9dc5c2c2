import { describe, expect, it } from "vitest";
import { actionSettlement, phaseSettlement, settledValues } from "./settlement";
import type { ActionRow } from "./store";
import type { ActionFields } from "./sync-plan";

const NOW = 5_000;
const CFG: ActionFields = { title: "Scale", owner: "SRE", status: "held", due: null, links: ["https://a"] };
const ROW: ActionRow = {
  incident_id: "i",
  phase_id: "p",
  action_id: "a",
  title: "Scale",
  owner: "SRE",
  status: "done",
  due: null,
  links: '["https://a"]',
  position: 1,
  source: "config",
  base: JSON.stringify({ ...CFG, status: "todo" }),
  deleted_at: null,
  version: 3,
  created_at: 1,
  updated_at: 2,
  updated_by: "engineer",
};
const BUMP = { version: 4, updated_at: NOW, updated_by: "admin" };

describe("actionSettlement", () => {
  it.each([
    {
      name: "removed from the config, kept: it becomes the page's own action",
      cfg: null,
      field: "removed",
      keep: "store" as const,
      want: { source: "ui", base: null },
    },
    {
      name: "removed from the config, config taken: it goes",
      cfg: null,
      field: "removed",
      keep: "config" as const,
      want: { deleted_at: NOW, ...BUMP },
    },
    {
      name: "back in the config, kept: the config is the new base",
      cfg: CFG,
      field: "removed",
      keep: "store" as const,
      want: { base: JSON.stringify(CFG) },
    },
    {
      name: "back in the config, config taken: restored as the config has it",
      cfg: CFG,
      field: "removed",
      keep: "config" as const,
      want: { ...CFG, links: '["https://a"]', source: "config", base: JSON.stringify(CFG), deleted_at: null, ...BUMP },
    },
    {
      name: "a field kept: only the base moves to the config's value",
      cfg: CFG,
      field: "status",
      keep: "store" as const,
      want: { base: JSON.stringify({ ...CFG, status: "held" }) },
    },
    {
      name: "a field taken from the config: the value changes with a new version",
      cfg: CFG,
      field: "status",
      keep: "config" as const,
      want: { status: "held", base: JSON.stringify({ ...CFG, status: "held" }), ...BUMP },
    },
    {
      name: "links taken from the config are stored as JSON",
      cfg: { ...CFG, links: ["https://b"] },
      field: "links",
      keep: "config" as const,
      want: { links: '["https://b"]', base: JSON.stringify({ ...CFG, status: "todo", links: ["https://b"] }), ...BUMP },
    },
    { name: "a field of an action the config lacks", cfg: null, field: "status", keep: "config" as const, want: null },
    { name: "a field no action has", cfg: CFG, field: "colour", keep: "config" as const, want: null },
  ])("$name", ({ cfg, field, keep, want }) => {
    expect(actionSettlement(ROW, cfg, field, keep, "admin", NOW)).toEqual(want);
  });

  it("with no stored base, the config's fields are the base", () => {
    expect(actionSettlement({ ...ROW, base: null }, CFG, "owner", "store", "admin", NOW)).toEqual({
      base: JSON.stringify(CFG),
    });
  });
});

describe("phaseSettlement", () => {
  it("taking the config's status is a new version; keeping the page's is not", () => {
    const row = { status: "blocked", version: 2 };
    expect(phaseSettlement(row, "held", "config", "admin", NOW)).toEqual({
      status: "held",
      base_status: "held",
      version: 3,
      updated_at: NOW,
      updated_by: "admin",
    });
    expect(phaseSettlement(row, "held", "store", "admin", NOW)).toMatchObject({
      status: "blocked",
      base_status: "held",
      version: 2,
    });
  });
});

describe("settledValues", () => {
  const c = { field: "owner", store_value: '"Alice"', config_value: '"SRE"' };
  it.each([
    { keep: "store" as const, after: "Alice" },
    { keep: "config" as const, after: "SRE" },
  ])("keep $keep: before is the page's value, after the kept one", ({ keep, after }) => {
    expect(settledValues(c, keep)).toEqual({ before: { owner: "Alice" }, after: { owner: after } });
  });
  it("a missing value reads as null", () => {
    expect(settledValues({ field: "due", store_value: null, config_value: null }, "config")).toEqual({
      before: { due: null },
      after: { due: null },
    });
  });
});
