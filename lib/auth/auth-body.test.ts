import { describe, expect, it } from "vitest";
import { authBodyProblem } from "./auth-body";

const post = (body: string, type: string) =>
  new Request("http://127.0.0.1/api/auth/session", { method: "POST", body, headers: { "content-type": type } });

describe("authBodyProblem", () => {
  it.each([
    ["{", "application/json", "(body): not valid JSON"],
    ["null", "application/json", "(body): expected a JSON object"],
    ["[]", "application/json", "(body): expected a JSON object"],
    ['"s"', "application/json; charset=utf-8", "(body): expected a JSON object"],
    ["{}", "application/json", null],
    ["csrfToken=x", "application/x-www-form-urlencoded", null],
    ["{", "text/plain", null],
  ])("%j as %s → %s", async (body, type, expected) => {
    expect(await authBodyProblem(post(body, type))).toBe(expected);
  });
});
