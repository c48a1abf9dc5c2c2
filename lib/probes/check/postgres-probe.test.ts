import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import tls from "node:tls";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresUnavailable, startPostgres, type TestPostgres } from "@/lib/testing/postgres";
import { runProbe } from "./run-probe";
import { closeAll, closedPort, listen, phaseNames, probeConfig, selfSignedCert, track } from "@/lib/probes/testing";

describe.skipIf(postgresUnavailable)("PostgreSQL probe against a real server", () => {
  let db: TestPostgres;
  const cfg = (extra: Record<string, unknown> = {}) =>
    probeConfig({ type: "postgres", host: "127.0.0.1", port: db.port, timeoutMs: 3000, ...extra });
  const good = () => ({ pgUser: db.user, pgPassword: db.password });

  beforeAll(async () => {
    db = await startPostgres({ maxConnections: 5 });
  });
  afterAll(() => db?.stop());

  it("logs in and runs SELECT 1, timing connect, auth and the first query", async () => {
    const r = await runProbe(cfg(), good());
    expect(r).toMatchObject({ status: "up", errorClass: null, details: { rows: 1 } });
    expect(phaseNames(r)).toEqual(["connect", "auth", "first-query", "total"]);
  });

  it("a wrong password is auth-failed in the auth phase, and the password is never shown", async () => {
    const wrong = "definitely-wrong-secret";
    const r = await runProbe(cfg(), { pgUser: db.user, pgPassword: wrong });
    expect(r).toMatchObject({ status: "down", errorClass: "auth-failed", failedPhase: "auth" });
    expect(JSON.stringify(r)).not.toContain(wrong);
    expect(JSON.stringify(r)).not.toContain(db.password);
  });

  it("is too-many-connections when max_connections is used up", async () => {
    const held: pg.Client[] = [];
    try {
      for (let i = 0; i < 5; i++) {
        const c = new pg.Client({ connectionString: db.url });
        await c.connect();
        held.push(c);
      }
      const r = await runProbe(cfg(), good());
      expect(r).toMatchObject({ status: "down", errorClass: "too-many-connections", failedPhase: "auth" });
    } finally {
      await Promise.all(held.map((c) => c.end()));
    }
  });

  // The bound proves the deadline ends the attempt, not the 5-s query; 700 ms of slack keeps it
  // true on a loaded machine (it once took 1.35 s with the e2e suite beside it).
  it("a query past the timeout is query-timeout, ending at the timeout, not at the query's end", async () => {
    const started = Date.now();
    const r = await runProbe(cfg({ query: "SELECT pg_sleep(5)", timeoutMs: 800 }), good());
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(r).toMatchObject({ status: "down", errorClass: "query-timeout", failedPhase: "first-query" });
  });

  it("asks the server to cancel a query at the probe's timeout (statement_timeout)", async () => {
    const r = await runProbe(
      cfg({ timeoutMs: 2500, query: "SELECT 1 WHERE current_setting('statement_timeout') = '2500ms'" }),
      good(),
    );
    expect(r).toMatchObject({ status: "up", details: { rows: 1 } });
  });

  it("TLS asked of a server without it fails in the tls phase", async () => {
    const r = await runProbe(cfg({ ssl: true }), good());
    expect(r).toMatchObject({ status: "down", errorClass: "tls", failedPhase: "tls" });
  });
});

describe("PostgreSQL probe without a server", () => {
  let silent: net.Server;
  let sockets: Set<net.Socket>;
  let silentPort = 0;
  beforeAll(async () => {
    silent = net.createServer(() => {});
    sockets = track(silent);
    silentPort = await listen(silent);
  });
  afterAll(() => closeAll(silent, sockets));

  it("a refused loopback port is missing", async () => {
    const r = await runProbe(
      probeConfig({ type: "postgres", host: "127.0.0.1", port: await closedPort(), timeoutMs: 1000 }),
      { pgUser: "postgres" },
    );
    expect(r).toMatchObject({ status: "missing", errorClass: "refused", failedPhase: "connect" });
  });

  // A silent server never answers, so any bound proves the deadline; 800 ms of slack for a loaded machine.
  it("a server that accepts and never answers is socket-timeout, ending at the timeout", async () => {
    const started = Date.now();
    const r = await runProbe(probeConfig({ type: "postgres", host: "127.0.0.1", port: silentPort, timeoutMs: 500 }), {
      pgUser: "postgres",
      pgPassword: "x",
    });
    expect(Date.now() - started).toBeLessThan(1_300);
    expect(r).toMatchObject({ status: "down", errorClass: "socket-timeout", failedPhase: "auth" });
  });
});

// A server that answers PostgreSQL's SSLRequest with "S" and then speaks TLS with a
// self-signed certificate for "localhost" (and nothing after): enough to see what the probe
// accepts in the tls phase.
const cert = selfSignedCert();
describe.skipIf(!cert)("PostgreSQL probe TLS modes", () => {
  let server: net.Server;
  let sockets: Set<net.Socket>;
  let port = 0;
  let caFile = "";
  beforeAll(async () => {
    if (!cert) return;
    caFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sw-ca-")), "ca.pem");
    fs.writeFileSync(caFile, cert.cert);
    server = net.createServer((socket) => {
      socket.once("data", () => {
        socket.write("S");
        const secure = new tls.TLSSocket(socket, { isServer: true, key: cert.key, cert: cert.cert });
        secure.on("error", () => socket.destroy());
        // Past TLS, answer nothing: the probe then fails in the auth phase, after tls passed.
      });
    });
    sockets = track(server);
    port = await listen(server);
  });
  afterAll(() => closeAll(server, sockets));

  const run = (host: string, extra: Record<string, unknown>) =>
    runProbe(probeConfig({ type: "postgres", host, port, timeoutMs: 1500, ...extra }), {
      pgUser: "postgres",
      pgPassword: "x",
    });

  it("require: an unverifiable certificate is accepted (the tls phase passes)", async () => {
    const r = await run("127.0.0.1", { sslMode: "require" });
    expect(r.failedPhase).toBe("auth");
    expect(phaseNames(r)).toContain("tls");
  });

  it("verify-full: a self-signed certificate not in the trusted CAs is refused in the tls phase", async () => {
    const r = await run("127.0.0.1", { sslMode: "verify-full" });
    expect(r).toMatchObject({ status: "down", errorClass: "tls", failedPhase: "tls" });
  });

  it("verify-full: trusted CA but the certificate does not name the host (127.0.0.1 vs localhost) is refused", async () => {
    const r = await run("127.0.0.1", { sslMode: "verify-full", sslRootCert: caFile });
    expect(r).toMatchObject({ status: "down", errorClass: "tls", failedPhase: "tls" });
  });

  it("verify-full: trusted CA and matching name passes the tls phase", async () => {
    const r = await run("localhost", { sslMode: "verify-full", sslRootCert: caFile });
    expect(r.failedPhase).toBe("auth");
  });
});
