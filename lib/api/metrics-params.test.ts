import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/base/api-error";
import { parseMetricsParams } from "./metrics-params";

const now = new Date("2025-01-01T12:00:00Z");
const services = ["backend", "auth"];
const parse = (
  qs: string,
  allowed: Parameters<typeof parseMetricsParams>[2] = ["service", "revision", "cause", "page"],
) => parseMetricsParams(new URLSearchParams(qs), now, allowed, services);

function badParam(qs: string): string {
  try {
    parse(qs);
  } catch (err) {
    if (err instanceof ApiError && err.status === 400) return err.message;
    throw err;
  }
  throw new Error(`expected a 400 for ?${qs}`);
}

describe("parseMetricsParams", () => {
  it("defaults to the 6h preset and the first page", () => {
    const p = parse("");
    expect(p.range.preset).toBe("6h");
    expect(p.range.to).toEqual(now);
    expect([p.service, p.cause, p.page, p.pageSize]).toEqual([undefined, undefined, 1, 50]);
  });

  it("reads every filter", () => {
    const p = parse("range=24h&service=backend&cause=db-socket-timeout&page=3&pageSize=20");
    expect([p.range.preset, p.service, p.cause, p.page, p.pageSize]).toEqual([
      "24h",
      "backend",
      "db-socket-timeout",
      3,
      20,
    ]);
  });

  it("takes a revision name", () => expect(parse("revision=backend-00042-xqf").revision).toBe("backend-00042-xqf"));

  it("treats empty values as absent", () => expect(parse("service=&cause=").service).toBeUndefined());

  it("ignores filters a route does not take", () => expect(parse("service=nope&page=x", []).service).toBeUndefined());

  it.each([
    ["range=2h", /^range: /],
    ["range=custom&to=2025-01-01T11:00:00Z", /^from: /],
    ["range=custom&from=2025-01-01T10:00:00Z&to=not-a-date", /^to: /],
    ["service=analytics-x", /^service: unknown service "analytics-x"; known: backend, auth/],
    ["cause=gremlins", /^cause: /],
    ["revision=Backend-00042", /^revision: /],
    ["revision=backend-00042-%2F..", /^revision: /],
    [`revision=${"a".repeat(64)}`, /^revision: /],
    ["page=0", /^page: /],
    ["page=two", /^page: /],
    ["pageSize=500", /^pageSize: /],
  ])("?%s → 400 naming the parameter", (qs, message) => expect(badParam(qs)).toMatch(message));
});
