import { describe, expect, it } from "vitest";
import { ApiError, toErrorResponse } from "@/lib/base/api-error";
import { EditRefused, notFound, staleVersion } from "./edit-refused";
import { answeringRefusal, refusedAsApiError } from "./http";

describe("refusedAsApiError", () => {
  it.each([
    { refusal: notFound('There is no phase "x".'), status: 404, code: "not_found", extra: {} },
    {
      refusal: staleVersion("phase", { version: 2 }, "alice"),
      status: 409,
      code: "stale_version",
      extra: { current: { version: 2 } },
    },
    // A lost race whose winner's row is gone still says so: `current: null`, not a missing key.
    {
      refusal: staleVersion("action", null, "someone else"),
      status: 409,
      code: "stale_version",
      extra: { current: null },
    },
    {
      refusal: new EditRefused("criteria_failing", "cannot close", { id: "p" }),
      status: 409,
      code: "criteria_failing",
      extra: { current: { id: "p" } },
    },
    {
      refusal: new EditRefused("already_resolved", "resolved by bob"),
      status: 409,
      code: "already_resolved",
      extra: {},
    },
  ])("$code → $status", async ({ refusal, status, code, extra }) => {
    const res = toErrorResponse(refusedAsApiError(refusal));
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ error: code, message: refusal.message, ...extra });
  });
});

describe("answeringRefusal", () => {
  it("passes the edit's answer through", async () => {
    await expect(answeringRefusal(Promise.resolve(7))).resolves.toBe(7);
  });
  it("turns a refusal into the API's error", async () => {
    const err: unknown = await answeringRefusal(Promise.reject(notFound("gone"))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 404, code: "not_found", message: "gone" });
  });
  it("leaves any other failure as it is (a 500, not a made-up refusal)", async () => {
    const boom = new Error("disk full");
    await expect(answeringRefusal(Promise.reject(boom))).rejects.toBe(boom);
  });
});
