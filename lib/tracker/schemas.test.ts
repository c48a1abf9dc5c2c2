import { describe, expect, it } from "vitest";
import { badRequest } from "@/lib/base/api-error";
import {
  actionCreateSchema,
  actionPatchSchema,
  historyQuerySchema,
  phasePatchSchema,
  reportQuerySchema,
} from "./schemas";

/** The 400 message the API would send: "field: what is wrong". */
function message(
  schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } },
  input: unknown,
): string | null {
  const r = schema.safeParse(input);
  if (r.success) return null;
  return badRequest(r.error as Parameters<typeof badRequest>[0]).message;
}

describe("tracker input schemas", () => {
  it.each([
    [phasePatchSchema, { status: "done" }, /^version: /],
    [
      phasePatchSchema,
      { version: 1, status: "finished" },
      /^status: status must be one of not-started, active, held, blocked, done/,
    ],
    [phasePatchSchema, { version: 1.5, status: "done" }, /^version: /],
    [phasePatchSchema, { version: 1, status: "done", extra: 1 }, /extra/],
    [actionCreateSchema, { title: "", owner: "x" }, /^title: title must not be empty/],
    [actionCreateSchema, { title: "x".repeat(201), owner: "x" }, /^title: title must be at most 200 characters/],
    [
      actionCreateSchema,
      { title: "ok\n# Owned", owner: "x" },
      /^title: title must be one line without control characters/,
    ],
    [actionCreateSchema, { title: "ok", owner: "a\tb" }, /^owner: owner must be one line without control characters/],
    [actionCreateSchema, { title: "x", owner: "x", due: "2025-13-45" }, /^due: due must be a date such as 2025-10-01/],
    [
      actionCreateSchema,
      { title: "x", owner: "x", links: ["javascript:alert(1)"] },
      /^links\.0: each link must be an http\(s\) URL/,
    ],
    [actionPatchSchema, { version: 3 }, /change at least one of title, owner, status, due, links/],
    [actionPatchSchema, { version: 3, status: "finished" }, /^status: /],
    [historyQuerySchema, { limit: "5000" }, /^limit: /],
    [historyQuerySchema, { cursor: "yesterday" }, /^cursor: cursor must be the nextCursor of a previous page/],
    [reportQuerySchema, { format: "pdf" }, /^format: format must be md or json/],
    [reportQuerySchema, { since: "last week" }, /^since: since must be a date such as 2025-09-17 or an ISO date-time/],
  ] as const)("%#: refuses %o naming the field", (schema, input, want) => {
    expect(message(schema, input)).toMatch(want);
  });

  it("accepts good input, trims text and fills defaults", () => {
    expect(actionCreateSchema.parse({ title: "  Call support ", owner: "Infra" })).toEqual({
      title: "Call support",
      owner: "Infra",
      status: "todo",
      due: null,
      links: [],
    });
    expect(actionPatchSchema.parse({ version: 2, due: null })).toEqual({ version: 2, due: null });
    expect(historyQuerySchema.parse({})).toEqual({ limit: 50 });
    expect(reportQuerySchema.parse({ since: "2025-09-17" })).toEqual({ format: "md", since: "2025-09-17" });
  });
});
