import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { FetchError, fetchJson } from "./fetch-json";

// A real server on loopback answering what each path names.
let server: Server;
let base: string;
const seen: { method?: string; type?: string; accept?: string; body: string; ifNoneMatch?: string }[] = [];
let version = 1;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    req.on("data", (c: Buffer) => (text += c.toString("utf8")));
    req.on("end", () => resolve(text));
  });
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = await readBody(req);
    seen.push({
      method: req.method,
      type: req.headers["content-type"],
      accept: req.headers.accept,
      body,
      ifNoneMatch: req.headers["if-none-match"],
    });
    const send = (status: number, payload: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(payload);
    };
    if (req.url === "/ok") return send(200, JSON.stringify({ echo: body ? JSON.parse(body) : null }));
    if (req.url === "/tagged") {
      const etag = `W/"v${version}"`;
      if (req.headers["if-none-match"] === etag) {
        res.writeHead(304, { etag });
        return res.end();
      }
      return send(200, JSON.stringify({ version }), { etag });
    }
    if (req.url === "/refused")
      return send(
        400,
        JSON.stringify({
          error: "bad_request",
          message: "burst: must be at least 1",
          issues: [{ field: "burst", message: "must be at least 1" }, { nonsense: true }],
        }),
      );
    if (req.url === "/limited")
      return send(429, JSON.stringify({ message: "Too many re-checks." }), { "Retry-After": "17" });
    if (req.url === "/cut") {
      // Headers and half a body, then the connection drops.
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write('{"running": [');
      return setTimeout(() => res.destroy(), 20);
    }
    if (req.url === "/not-json") {
      res.writeHead(200, { "content-type": "text/html" });
      return res.end("<h1>Signed out</h1>");
    }
    if (req.url === "/empty") {
      res.writeHead(204);
      return res.end();
    }
    if (req.url === "/html") {
      res.writeHead(502, { "content-type": "text/html" });
      return res.end("<h1>Bad gateway</h1>");
    }
    send(404, "{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function failure(url: string): Promise<FetchError> {
  const err = await fetchJson(url).catch((e: unknown) => e);
  if (!(err instanceof FetchError)) throw new Error(`expected a FetchError, got ${String(err)}`);
  return err;
}

describe("fetchJson", () => {
  it("a 200 whose body is cut off is a failed read, never an answer of null", async () => {
    const err = await failure(`${base}/cut`);
    expect(err.status).toBe(200);
    expect(err.message).toMatch(/could not be read/);
  });

  it("a 200 that is not JSON is a failed read", async () => {
    expect((await failure(`${base}/not-json`)).message).toMatch(/could not be read/);
  });

  it("a 204 has no answer to read", async () => {
    expect(await fetchJson(`${base}/empty`, { method: "DELETE" })).toBeNull();
  });

  it("sends `json` as a JSON body and returns the parsed answer", async () => {
    seen.length = 0;
    expect(await fetchJson(`${base}/ok`, { method: "POST", json: { a: 1 } })).toEqual({ echo: { a: 1 } });
    expect(seen[0]).toEqual({ method: "POST", type: "application/json", accept: "application/json", body: '{"a":1}' });
  });

  it("sends no body and no content type without `json`", async () => {
    seen.length = 0;
    expect(await fetchJson(`${base}/ok`)).toEqual({ echo: null });
    expect(seen[0]?.type).toBeUndefined();
  });

  it("a refusal carries the API's sentence and the well-formed fields it named", async () => {
    const err = await failure(`${base}/refused`);
    expect([err.status, err.message, err.issues, err.retryAfterSeconds]).toEqual([
      400,
      "burst: must be at least 1",
      [{ field: "burst", message: "must be at least 1" }],
      null,
    ]);
  });

  it("a 429 carries Retry-After in seconds", async () => {
    const err = await failure(`${base}/limited`);
    expect([err.status, err.message, err.retryAfterSeconds]).toEqual([429, "Too many re-checks.", 17]);
  });

  it("an answer that is not JSON says its status", async () => {
    const err = await failure(`${base}/html`);
    expect([err.status, err.message, err.issues]).toEqual([502, "HTTP 502", []]);
  });
});

describe("fetchJson revalidates GETs that carry an ETag", () => {
  it("sends the last ETag back and returns the kept answer on a 304; a change brings the new one", async () => {
    seen.length = 0;
    version = 1;
    expect(await fetchJson(`${base}/tagged`)).toEqual({ version: 1 });
    expect(await fetchJson(`${base}/tagged`)).toEqual({ version: 1 });
    version = 2;
    expect(await fetchJson(`${base}/tagged`)).toEqual({ version: 2 });
    expect(seen.map((s) => s.ifNoneMatch)).toEqual([undefined, 'W/"v1"', 'W/"v1"']);
  });

  it("never sends If-None-Match on a write or for an answer without an ETag", async () => {
    seen.length = 0;
    await fetchJson(`${base}/ok`);
    await fetchJson(`${base}/ok`);
    await fetchJson(`${base}/tagged`, { method: "POST", json: {} });
    expect(seen.map((s) => s.ifNoneMatch)).toEqual([undefined, undefined, undefined]);
  });
});
