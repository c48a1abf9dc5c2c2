import { describe, expect, it } from "vitest";
import { ApiError, parseOrThrow } from "@/lib/base/api-error";
import { screenshotParamsSchema, screenshotUrl } from "./http";

const ID = "0b1c2d3e-4f50-4a1b-8c2d-3e4f5a6b7c8d";

describe("the screenshot route's path", () => {
  it("accepts a run id and a kind", () => {
    expect(parseOrThrow(screenshotParamsSchema, { id: ID, kind: "failure" })).toEqual({ id: ID, kind: "failure" });
    expect(screenshotUrl(ID, "end")).toBe(`/api/rehearsals/${ID}/screenshots/end`);
  });

  it.each([
    [{ id: "../../etc", kind: "end" }, "id"],
    [{ id: "not-a-uuid", kind: "end" }, "id"],
    [{ id: ID, kind: "../stagewatch.sqlite" }, "kind"],
    [{ id: ID, kind: "END" }, "kind"],
    [{ id: ID, kind: "%2e%2e" }, "kind"],
    [{ id: ID, kind: "" }, "kind"],
    [{ id: ID }, "kind"],
  ])("answers 400 naming the field for %j", (params, field) => {
    try {
      parseOrThrow(screenshotParamsSchema, params);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).status).toBe(400);
      expect((err as ApiError).message.startsWith(`${field}:`)).toBe(true);
    }
  });
});
