import http from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { IAP_HEADER, startIapProxy, type IapProxy } from "./iap-proxy";

/**
 * The IAP stand-in of the production-profile e2e run, against two real upstreams on
 * loopback: what it sends them is what they record, so a proxy that only looked right fails.
 */

type Seen = { name: string; method: string; path: string; assertion: string; forwardedFor: string; body: string };

function upstream(name: string, seen: Seen[]): http.Server {
  return http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      seen.push({
        name,
        method: req.method ?? "",
        path: req.url ?? "",
        assertion: String(req.headers[IAP_HEADER] ?? ""),
        forwardedFor: String(req.headers["x-forwarded-for"] ?? ""),
        body: Buffer.concat(chunks).toString("utf8"),
      });
      res.writeHead(201, { "content-type": "text/plain", "x-upstream": name });
      res.write(`${name}:`);
      setTimeout(() => res.end("done"), 20);
    });
  });
}

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

const close = (server: http.Server) => new Promise<void>((r) => server.close(() => r()));

describe("the IAP stand-in proxy", () => {
  const seen: Seen[] = [];
  const servers = [upstream("a", seen), upstream("b", seen)];
  const ports: number[] = [];
  let proxy: IapProxy;

  beforeAll(async () => {
    for (const s of servers) ports.push(await listen(s));
    proxy = await startIapProxy({ sign: async (email) => `signed-for-${email}`, email: "eve@example.com" });
  });
  afterEach(() => {
    seen.length = 0;
    proxy.setUpstreams(ports);
  });
  afterAll(async () => {
    await proxy.close();
    await Promise.all(servers.filter((s) => s.listening).map(close));
  });

  it("alternates between the upstreams, one request each", async () => {
    proxy.setUpstreams(ports);
    const answers: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${proxy.url}/page/${i}`);
      expect(res.status).toBe(201);
      answers.push(await res.text());
    }
    expect(answers).toEqual(["a:done", "b:done", "a:done", "b:done"]);
    expect(seen.map((s) => `${s.name} ${s.path}`)).toEqual(["a /page/0", "b /page/1", "a /page/2", "b /page/3"]);
  });

  it("replaces the client's own assertion with the signed one for the configured user", async () => {
    proxy.setUpstreams(ports);
    await fetch(`${proxy.url}/x`, { headers: { [IAP_HEADER]: "forged", "x-forwarded-for": "198.51.100.7" } });
    proxy.signInAs("ada@example.com");
    await fetch(`${proxy.url}/y`);
    proxy.signInAs("eve@example.com");
    expect(seen.map((s) => s.assertion)).toEqual(["signed-for-eve@example.com", "signed-for-ada@example.com"]);
    // The address it saw is appended, as Cloud Run's front end does.
    expect(seen[0]?.forwardedFor).toBe("198.51.100.7, 127.0.0.1");
  });

  it("skips an upstream that refuses the connection, and the request body still arrives whole", async () => {
    const gone = http.createServer();
    const deadPort = await listen(gone);
    await close(gone);
    proxy.setUpstreams([deadPort, ports[0] ?? 0]);
    const body = JSON.stringify({ big: "x".repeat(200_000) });
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${proxy.url}/write`, {
        method: "POST",
        body,
        headers: { "content-type": "application/json" },
      });
      expect(res.status).toBe(201);
      expect(await res.text()).toBe("a:done");
    }
    expect(seen.map((s) => [s.name, s.body.length])).toEqual([
      ["a", body.length],
      ["a", body.length],
    ]);
    const last = proxy.hits.slice(-2);
    // Round robin still turns: one of the two tried the dead upstream first.
    expect(last.map((h) => h.skipped)).toContainEqual([0]);
    expect(last.map((h) => [h.upstream, h.status])).toEqual([
      [1, 201],
      [1, 201],
    ]);
  });

  it("streams an answer through: the first part arrives before the upstream has finished", async () => {
    let finish = () => {};
    const finished = new Promise<void>((r) => {
      finish = r;
    });
    const streaming = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("data: first\n\n");
      void finished.then(() => res.end("data: last\n\n"));
    });
    proxy.setUpstreams([await listen(streaming)]);
    const res = await fetch(`${proxy.url}/events`);
    const reader = res.body?.getReader();
    if (!reader) throw new Error("no body");
    // A proxy that buffered the whole answer would never deliver this part: the upstream waits for it.
    const first = await Promise.race([
      reader.read(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("nothing streamed in 2 s")), 2_000)),
    ]);
    expect(new TextDecoder().decode(first.value)).toBe("data: first\n\n");
    finish();
    let rest = "";
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += new TextDecoder().decode(r.value);
    expect(rest).toBe("data: last\n\n");
    await close(streaming);
  });

  it("answers 502 when no upstream takes the connection", async () => {
    const gone = http.createServer();
    const deadPort = await listen(gone);
    await close(gone);
    proxy.setUpstreams([deadPort]);
    const res = await fetch(`${proxy.url}/nothing`);
    expect(res.status).toBe(502);
    expect(proxy.hits.at(-1)).toMatchObject({ upstream: -1, status: 502, skipped: [0] });
  });
});
