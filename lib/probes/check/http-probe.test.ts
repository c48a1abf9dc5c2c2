import http from "node:http";
import https from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProbeSecrets } from "./attempt";
import { runProbe } from "./run-probe";
import { closeAll, closedPort, listen, phaseNames, probeConfig, selfSignedCert, track } from "@/lib/probes/testing";

const secrets: ProbeSecrets = { pgUser: "postgres" };
const cert = selfSignedCert();
let base = "";
let server: http.Server;
let sockets: Set<import("node:net").Socket>;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    switch (url.pathname) {
      case "/ok":
        return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "UP" }));
      case "/down":
        return void res.writeHead(503).end(JSON.stringify({ status: "DOWN" }));
      case "/slow-first-byte":
        return void setTimeout(() => res.writeHead(200).end("late"), Number(url.searchParams.get("ms") ?? 5000));
      case "/huge": {
        // 100 MB, streamed: the probe must stop at its cap, not buffer all of it.
        res.writeHead(200, { "content-type": "text/plain", "content-length": String(100 * 1024 * 1024) });
        const chunk = Buffer.alloc(64 * 1024, "a");
        let sent = 0;
        const pump = () => {
          while (sent < 100 * 1024 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once("drain", pump);
          }
          res.end();
        };
        res.on("close", () => (sent = Infinity));
        return pump();
      }
      case "/loop":
        return void res.writeHead(302, { location: "/loop" }).end();
      case "/away":
        return void res.writeHead(302, { location: "http://127.0.0.2:9/elsewhere" }).end();
      case "/other-port":
        return void res.writeHead(302, { location: `http://127.0.0.1:${Number(new URL(base).port) + 1}/ok` }).end();
      case "/to-https":
        return void res.writeHead(301, { location: `https://127.0.0.1:${new URL(base).port}/ok` }).end();
      case "/absolute-same":
        return void res.writeHead(302, { location: `${base}/ok` }).end();
      case "/hop":
        return void res.writeHead(307, { location: "/ok" }).end();
      case "/echo": {
        let body = "";
        req.on("data", (d: Buffer) => (body += d.toString()));
        return void req.on("end", () =>
          res.writeHead(200).end(JSON.stringify({ method: req.method, header: req.headers["x-probe"], body })),
        );
      }
    }
    res.writeHead(404).end();
  });
  sockets = track(server);
  base = `http://127.0.0.1:${await listen(server)}`;
});
afterAll(() => closeAll(server, sockets));

const http200 = { type: "http", conditions: ["[STATUS] == 200", '[BODY].status == "UP"', "[RESPONSE_TIME] < 2000"] };

describe("HTTP probe", () => {
  it("is up with every condition and its value, and times connect, first byte and body", async () => {
    const r = await runProbe(probeConfig({ ...http200, url: `${base}/ok` }), secrets);
    expect(r).toMatchObject({
      status: "up",
      errorClass: null,
      failedPhase: null,
      details: { httpStatus: 200, bodyTruncated: false },
    });
    expect(r.conditions.map((c) => [c.passed, c.value])).toEqual([
      [true, "200"],
      [true, '"UP"'],
      [true, expect.stringMatching(/^\d+ ms$/)],
    ]);
    expect(phaseNames(r)).toEqual(["connect", "first-byte", "body", "total"]);
  });

  it("connects afresh on every attempt, also when attempts overlap, so connect is measured each time", async () => {
    let connections = 0;
    const count = () => connections++;
    server.on("connection", count);
    try {
      const cfg = probeConfig({ ...http200, url: `${base}/ok` });
      const rs = [
        await runProbe(cfg, secrets),
        await runProbe(cfg, secrets),
        ...(await Promise.all([runProbe(cfg, secrets), runProbe(cfg, secrets)])),
      ];
      expect(connections).toBe(4);
      for (const r of rs) expect(phaseNames(r)).toEqual(["connect", "first-byte", "body", "total"]);
    } finally {
      server.off("connection", count);
    }
  });

  it("measures [IP] and [HEADERS] on a real exchange", async () => {
    const conditions = [
      "[IP] == 127.0.0.1",
      "[HEADERS].Content-Type == pat(application/json*)",
      "[HEADERS].x-missing == x",
    ];
    const r = await runProbe(probeConfig({ type: "http", url: `${base}/ok`, conditions }), secrets);
    expect(r.conditions.map((c) => [c.passed, c.value])).toEqual([
      [true, '"127.0.0.1"'],
      [true, '"application/json"'],
      [false, "(absent)"],
    ]);
  });

  it("is down on a 503, naming the status condition and its value", async () => {
    const r = await runProbe(probeConfig({ ...http200, url: `${base}/down` }), secrets);
    expect(r).toMatchObject({
      status: "down",
      errorClass: "http-status",
      errorMessage: "Condition failed: [STATUS] == 200 (was 503)",
    });
  });

  it("is degraded, not down, when only the latency condition fails", async () => {
    const r = await runProbe(
      probeConfig({
        type: "http",
        url: `${base}/slow-first-byte?ms=150`,
        conditions: ["[STATUS] == 200", "[RESPONSE_TIME] < 100"],
      }),
      secrets,
    );
    expect(r.status).toBe("degraded");
  });

  it("times out a slow first byte within timeout + 100 ms, in the first-byte phase", async () => {
    const started = Date.now();
    const r = await runProbe(
      probeConfig({ type: "http", url: `${base}/slow-first-byte?ms=5000`, timeoutMs: 400 }),
      secrets,
    );
    expect(Date.now() - started).toBeLessThan(500);
    expect(r).toMatchObject({ status: "down", errorClass: "timeout", failedPhase: "first-byte" });
  });

  it("reads at most the body cap of a 100 MB body and reports the cap", async () => {
    const started = Date.now();
    const r = await runProbe(
      probeConfig({ type: "http", url: `${base}/huge`, timeoutMs: 3000, maxBodyBytes: 1024 * 1024 }),
      secrets,
    );
    expect(r).toMatchObject({
      status: "up",
      details: { bodyBytes: 1024 * 1024, bodyTruncated: true, bodyCapBytes: 1024 * 1024 },
    });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("stops a redirect loop after maxRedirects", async () => {
    const r = await runProbe(probeConfig({ type: "http", url: `${base}/loop`, maxRedirects: 3 }), secrets);
    expect(r).toMatchObject({ status: "down", errorClass: "redirect-limit", details: { redirects: 3 } });
  });

  it("follows a redirect on the same host but never to another host", async () => {
    expect((await runProbe(probeConfig({ ...http200, url: `${base}/hop` }), secrets)).status).toBe("up");
    const away = await runProbe(probeConfig({ type: "http", url: `${base}/away` }), secrets);
    expect(away).toMatchObject({ status: "down", errorClass: "redirect-refused" });
  });

  it("follows an absolute redirect to the same origin, but not to another port or scheme of the same host", async () => {
    expect((await runProbe(probeConfig({ ...http200, url: `${base}/absolute-same` }), secrets)).status).toBe("up");
    for (const p of ["/other-port", "/to-https"]) {
      const r = await runProbe(probeConfig({ type: "http", url: `${base}${p}` }), secrets);
      expect(r, p).toMatchObject({ status: "down", errorClass: "redirect-refused" });
    }
  });

  it("sends the configured method, headers and body", async () => {
    const cfg = probeConfig({
      type: "http",
      url: `${base}/echo`,
      method: "POST",
      headers: { "x-probe": "yes" },
      body: "ping",
      conditions: ["[BODY].method == POST", "[BODY].header == yes", "[BODY].body == ping"],
    });
    const r = await runProbe(cfg, secrets);
    expect(r.conditions.every((c) => c.passed)).toBe(true);
  });

  it("calls a refused loopback port missing, not down", async () => {
    const started = Date.now();
    const r = await runProbe(
      probeConfig({ type: "http", url: `http://127.0.0.1:${await closedPort()}/health`, timeoutMs: 1000 }),
      secrets,
    );
    expect(r).toMatchObject({ status: "missing", errorClass: "refused", failedPhase: "connect" });
    expect(r.conditions[0]).toMatchObject({ passed: null });
    expect(Date.now() - started).toBeLessThan(1100);
  });

  describe.skipIf(!cert)("HTTPS with a self-signed certificate", () => {
    let tlsServer: https.Server;
    let tlsUrl = "";
    beforeAll(async () => {
      tlsServer = https.createServer({ key: cert?.key, cert: cert?.cert }, (_req, res) =>
        res.writeHead(200).end('{"status":"UP"}'),
      );
      tlsUrl = `https://localhost:${await listen(tlsServer)}/`;
    });
    afterAll(() => new Promise((r) => tlsServer.close(r)));

    it("fails TLS when the certificate is not trusted", async () => {
      const r = await runProbe(probeConfig({ type: "http", url: tlsUrl }), secrets);
      expect(r).toMatchObject({ status: "down", errorClass: "tls", failedPhase: "tls" });
    });

    it("with insecureTls it is up, times dns/connect/tls and reads the certificate's expiry", async () => {
      const r = await runProbe(
        probeConfig({
          type: "http",
          url: tlsUrl,
          insecureTls: true,
          conditions: ["[STATUS] == 200", "[CERTIFICATE_EXPIRATION] > 48h", "[CERTIFICATE_EXPIRATION] < 96h"],
        }),
        secrets,
      );
      expect(r.status).toBe("up");
      expect(phaseNames(r)).toEqual(["dns", "connect", "tls", "first-byte", "body", "total"]);
      expect(r.details.tlsProtocol).toMatch(/^TLS/);
    });
  });
});
