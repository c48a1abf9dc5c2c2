import http from "node:http";
import type { Duplex } from "node:stream";
import { jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocketServer } from "ws";
import { runProbe } from "./run-probe";
import { closeAll, listen, phaseNames, probeConfig, track } from "@/lib/probes/testing";

const SECRET = "the-shared-secret-of-backend-and-auth";
let server: http.Server;
let sockets: Set<import("node:net").Socket>;
let base = "";
let lastSubject = "";

beforeAll(async () => {
  const wss = new WebSocketServer({ noServer: true });
  server = http.createServer((_req, res) => res.writeHead(404).end());
  const refuse = (socket: Duplex, status: string) =>
    socket.end(`HTTP/1.1 ${status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
  server.on("upgrade", async (req, socket, head) => {
    socket.on("error", () => socket.destroy());
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/unavailable") return refuse(socket, "503 Service Unavailable");
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
    try {
      const { payload } = await jwtVerify(token, new TextEncoder().encode(SECRET));
      lastSubject = payload.sub ?? "";
    } catch {
      return refuse(socket, "401 Unauthorized");
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (url.pathname === "/ws") ws.send(JSON.stringify({ type: "connected" }));
      // "/silent": the handshake succeeds, then nothing is ever sent.
    });
  });
  sockets = track(server);
  base = `ws://127.0.0.1:${await listen(server)}`;
});
afterAll(() => closeAll(server, sockets));

const ws = (path: string, extra: Record<string, unknown> = {}) =>
  probeConfig({ type: "websocket", url: `${base}${path}`, timeoutMs: 2000, firstMessageTimeoutMs: 400, ...extra });

describe("WebSocket probe", () => {
  it("upgrades with a JWT signed from the secret and reads the first message", async () => {
    const r = await runProbe(
      ws("/ws", { conditions: ["[CONNECTED] == true", "[BODY].type == connected"], jwt: { subject: "probe-7" } }),
      { pgUser: "x", jwtSecret: SECRET },
    );
    expect(r).toMatchObject({ status: "up", errorClass: null });
    expect(phaseNames(r)).toEqual(["connect", "upgrade", "first-message", "total"]);
    expect(r.conditions[1]).toMatchObject({ passed: true, value: '"connected"' });
    expect(lastSubject).toBe("probe-7");
  });

  it("a token signed with another secret is reported as the JWT mismatch", async () => {
    const r = await runProbe(ws("/ws"), { pgUser: "x", jwtSecret: "some-other-secret-entirely" });
    expect(r).toMatchObject({
      status: "down",
      errorClass: "jwt-rejected",
      failedPhase: "upgrade",
      details: { httpStatus: 401 },
    });
    expect(r.errorMessage).toContain("JWT rejected — check that backend and auth share the same secret");
  });

  it("a silent server fails in first-message within firstMessageTimeoutMs + 100 ms", async () => {
    const started = Date.now();
    const r = await runProbe(ws("/silent"), { pgUser: "x", jwtSecret: SECRET });
    expect(Date.now() - started).toBeLessThan(500);
    expect(r).toMatchObject({ status: "down", errorClass: "no-first-message", failedPhase: "first-message" });
  });

  it("a refused upgrade that is not about the token is told apart", async () => {
    const r = await runProbe(ws("/unavailable"), { pgUser: "x", jwtSecret: SECRET });
    expect(r).toMatchObject({ status: "down", errorClass: "handshake-rejected", details: { httpStatus: 503 } });
  });

  it("without a configured secret it says so instead of connecting", async () => {
    const r = await runProbe(ws("/ws"), { pgUser: "x" });
    expect(r).toMatchObject({ status: "down", errorClass: "config" });
  });
});
