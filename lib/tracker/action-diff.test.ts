import { describe, expect, it } from "vitest";
import { actionDiff, describeDiff } from "./action-diff";
import type { ActionFields } from "./sync-plan";

const STORED: ActionFields = { title: "Scale", owner: "SRE", status: "todo", due: null, links: ["https://a"] };

describe("actionDiff", () => {
  it.each([
    { name: "an empty patch", patch: {}, after: {} },
    { name: "a patch restating what is stored", patch: { owner: "SRE", links: ["https://a"] }, after: {} },
    { name: "one changed field", patch: { status: "done" }, after: { status: "done" } },
    { name: "a due date set", patch: { due: "2025-09-20" }, after: { due: "2025-09-20" } },
    {
      name: "links compared by value",
      patch: { links: ["https://a", "https://b"] },
      after: { links: ["https://a", "https://b"] },
    },
  ])("$name", ({ patch, after }) => {
    const diff = actionDiff(STORED, patch);
    expect(diff.after).toEqual(after);
    expect(Object.keys(diff.before)).toEqual(Object.keys(after));
  });

  it("describes the change before → after, a missing value as null", () => {
    expect(describeDiff(actionDiff(STORED, { due: "2025-09-20", status: "done" }))).toBe(
      'status "todo" → "done", due null → "2025-09-20"',
    );
  });
});
