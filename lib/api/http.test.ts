import { describe, expect, it } from "vitest";

import { ApiError } from "./errors";
import { readJsonBody } from "./http";

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
