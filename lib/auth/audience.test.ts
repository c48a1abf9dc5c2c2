import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/base/api-error";
import { forAudience } from "./guard";

const upstream = new ApiError(
  502,
  "upstream_permission_denied",
  "Cloud Monitoring refused the read: grant roles/monitoring.viewer on project p.",
  { upstream: { api: "monitoring", code: "PERMISSION_DENIED", message: "raw google text" } },
  { "Retry-After": "60" },
);

describe("forAudience", () => {
  it("gives viewers the status and a plain sentence, without Google's text or the IAM hint", () => {
    const e = forAudience(upstream, { username: "l", name: "l", role: "viewer" }) as ApiError;
    expect(e.status).toBe(502);
    expect(e.code).toBe("upstream_permission_denied");
    expect(e.message).not.toMatch(/roles\/|google text/);
    expect(e.extra).toEqual({});
    expect(e.headers).toEqual({ "Retry-After": "60" });
  });
  it.each(["engineer", "admin"] as const)("keeps the detail for %s", (role) => {
    expect(forAudience(upstream, { username: "e", name: "e", role })).toBe(upstream);
  });
  it("leaves other errors alone", () => {
    const e = new ApiError(400, "bad_request", "range: bad");
    expect(forAudience(e, { username: "l", name: "l", role: "viewer" })).toBe(e);
  });
});
