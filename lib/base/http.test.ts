import { describe, expect, it } from "vitest";

import { ApiError } from "@/lib/base/api-error";
import { etagOf, jsonRevalidated, matchesIfNoneMatch, readJsonBody } from "./http";

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("http://127.0.0.1/api/x", { method: "POST", body, headers });

async function failure(req: Request, maxBytes: number): Promise<ApiError> {
  const err = await readJsonBody(req, maxBytes).catch((e: unknown) => e);
  if (!(err instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(err)}`);
  return err;
}

describe("readJsonBody", () => {
  it("parses a JSON body within the limit", async () => {
    expect(await readJsonBody(post('{"a":1}'), 1024)).toEqual({ a: 1 });
  });

  it("hands an empty or blank body over as undefined", async () => {
    expect(await readJsonBody(post(""), 1024)).toBeUndefined();
    expect(await readJsonBody(post("  \n"), 1024)).toBeUndefined();
  });

  it.each([
    ["bytes read", () => post(JSON.stringify({ s: "x".repeat(5000) })), 4096, "(body): at most 4 KB"],
    [
      "multi-byte characters counted as bytes",
      () => post(JSON.stringify({ s: "é".repeat(600) })),
      1024,
      "(body): at most 1 KB",
    ],
    ["Content-Length alone", () => post("{}", { "content-length": "99999" }), 1024, "(body): at most 1 KB"],
    ["a limit that is not whole KB", () => post("[1,2,3,4,5,6,7,8,9,10]"), 10, "(body): at most 10 bytes"],
  ])("413 naming the limit: %s", async (_, req, limit, message) => {
    const err = await failure(req(), limit);
    expect([err.status, err.code, err.message]).toEqual([413, "too_large", message]);
  });

  it.each([
    ["not JSON", post("{"), "(body): not valid JSON"],
    ["not UTF-8", post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])), "(body): not valid UTF-8"],
  ])("400 when the body is %s", async (_, req, message) => {
    const err = await failure(req, 1024);
    expect([err.status, err.code, err.message]).toEqual([400, "bad_request", message]);
  });
});

describe("jsonRevalidated: ETag and 304", () => {
  const get = (ifNoneMatch?: string) =>
    new Request("http://127.0.0.1/api/overview", { headers: ifNoneMatch ? { "if-none-match": ifNoneMatch } : {} });
  const body = () => ({ verdict: { status: "healthy", ageSeconds: 3 }, figures: [{ value: 1, ageSeconds: 7 }] });

  it("answers 200 with a weak ETag, then 304 with no body for the same answer", async () => {
    const first = jsonRevalidated(get(), body(), "viewer");
    const etag = first.headers.get("etag") ?? "";
    expect(first.status).toBe(200);
    expect(etag).toMatch(/^W\/"[\w-]{32}"$/);
    expect(JSON.parse(await first.text())).toEqual(body());
    const again = jsonRevalidated(get(etag), body(), "viewer");
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    expect(again.headers.get("cache-control")).toContain("no-store");
  });

  it("a changed answer gets a new ETag and its body; an age alone is no change", async () => {
    const etag = etagOf(body(), "viewer");
    const changed = { ...body(), verdict: { status: "down", ageSeconds: 3 } };
    const res = jsonRevalidated(get(etag), changed, "viewer");
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).not.toBe(etag);
    expect(JSON.parse(await res.text())).toEqual(changed);
    const older = { verdict: { status: "healthy", ageSeconds: 9 }, figures: [{ value: 1, ageSeconds: 13 }] };
    expect(etagOf(older, "viewer")).toBe(etag);
    expect(etagOf({ ...older, figures: [{ value: 2, ageSeconds: 13 }] }, "viewer")).not.toBe(etag);
  });

  it("never shares an ETag across roles: a viewer's tag does not validate an engineer's answer", async () => {
    const viewer = etagOf(body(), "viewer");
    const engineer = etagOf(body(), "engineer");
    expect(viewer).not.toBe(engineer);
    expect(jsonRevalidated(get(viewer), body(), "engineer").status).toBe(200);
  });

  it.each<[string, string, boolean]>([
    ["the strong form of a weak tag", "STRONG", true],
    ["one of a list", 'W/"nope", TAG , "x"', true],
    ["a star", "*", true],
    ["another tag", 'W/"nope"', false],
    ["an empty header", "", false],
  ])("If-None-Match with %s", (_name, header, expected) => {
    const etag = etagOf(body(), "admin");
    const h = header.replace("STRONG", etag.slice(2)).replace("TAG", etag);
    expect(matchesIfNoneMatch(h, etag)).toBe(expected);
  });
});
