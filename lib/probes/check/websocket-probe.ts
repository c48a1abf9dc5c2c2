import net from "node:net";
import tls from "node:tls";
import { SignJWT } from "jose";
import WebSocket from "ws";
import type { ProbeConfig } from "@/lib/config/core/staging-schema";
import { ProbeFailure, type Measured, type ProbeAttempt, type Timeline } from "./attempt";

export type WebSocketProbeConfig = Extract<ProbeConfig, { type: "websocket" }>;

const MAX_MESSAGE_BYTES = 64 * 1024;

/** A short-lived HS256 token, signed like the auth service signs them (jose). */
export async function signProbeJwt(secret: string, cfg: WebSocketProbeConfig["jwt"]): Promise<string> {
  const jwt = new SignJWT({ scope: "probe" })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(cfg.subject)
    .setIssuedAt()
    .setExpirationTime("60s");
  if (cfg.issuer) jwt.setIssuer(cfg.issuer);
  return jwt.sign(new TextEncoder().encode(secret));
}

/** Timing hooks on the socket ws would open anyway; ws only ever calls this with an options object. */
function timedConnection(secure: boolean, t: Timeline, m: Measured): typeof net.createConnection {
  const create = (options: net.NetConnectOpts) => {
    const socket = secure ? tls.connect(options as tls.ConnectionOptions) : net.connect(options);
    socket.once("lookup", () => t.begin("connect"));
    socket.once("connect", () => {
      m.ctx.ip = socket.remoteAddress;
      t.begin(secure ? "tls" : "upgrade");
    });
    socket.once("secureConnect", () => t.begin("upgrade"));
    return socket;
  };
  return create as typeof net.createConnection;
}

/**
 * WebSocket: dns → connect → tls → upgrade with a JWT → first message within
 * firstMessageTimeoutMs. A 401/403 on the upgrade is the incident's JWT secret mismatch.
 */
export async function runWebSocket(
  cfg: WebSocketProbeConfig,
  t: Timeline,
  m: Measured,
  signal: AbortSignal,
  jwtSecret: string | undefined,
): Promise<void> {
  if (!jwtSecret)
    throw new ProbeFailure("config", "PROBE_JWT_SECRET is not set, so no JWT can be signed for the handshake");
  const token = await signProbeJwt(jwtSecret, cfg.jwt);
  const url = new URL(cfg.url);
  const secure = url.protocol === "wss:";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  t.begin(net.isIP(host) ? "connect" : "dns");
  const ws = new WebSocket(url, {
    headers: { authorization: `Bearer ${token}`, "user-agent": "stagewatch-probe" },
    maxPayload: MAX_MESSAGE_BYTES,
    perMessageDeflate: false,
    createConnection: timedConnection(secure, t, m),
  });
  const abort = () => ws.terminate();
  signal.addEventListener("abort", abort, { once: true });
  try {
    await new Promise<void>((resolve, reject) => {
      let firstMessageTimer: NodeJS.Timeout | undefined;
      const done = (err?: Error) => {
        clearTimeout(firstMessageTimer);
        if (err) reject(err);
        else resolve();
      };
      ws.once("unexpected-response", (_req, res) => {
        m.ctx.connected = true;
        m.ctx.status = res.statusCode ?? 0;
        m.details.httpStatus = m.ctx.status;
        res.resume();
        done(
          m.ctx.status === 401 || m.ctx.status === 403
            ? new ProbeFailure(
                "jwt-rejected",
                `JWT rejected — check that backend and auth share the same secret (HTTP ${m.ctx.status} on the upgrade)`,
              )
            : new ProbeFailure("handshake-rejected", `The upgrade was refused with HTTP ${m.ctx.status}`),
        );
      });
      ws.once("open", () => {
        m.ctx.connected = true;
        t.begin("first-message");
        firstMessageTimer = setTimeout(
          () =>
            done(
              new ProbeFailure("no-first-message", `Connected, but no message within ${cfg.firstMessageTimeoutMs} ms`),
            ),
          cfg.firstMessageTimeoutMs,
        );
      });
      ws.once("message", (data: WebSocket.RawData) => {
        t.end();
        const text = Buffer.isBuffer(data)
          ? data.toString("utf8")
          : Array.isArray(data)
            ? Buffer.concat(data).toString("utf8")
            : Buffer.from(data).toString("utf8");
        m.ctx.body = text;
        m.details.firstMessageBytes = Buffer.byteLength(text);
        done();
      });
      ws.once("error", (err) => done(err));
      ws.once("close", (code) =>
        done(new ProbeFailure("reset", `The server closed the WebSocket (code ${code}) before its first message`)),
      );
    });
  } finally {
    signal.removeEventListener("abort", abort);
    ws.removeAllListeners();
    ws.on("error", () => {});
    ws.terminate();
  }
}

export const websocketAttempt: ProbeAttempt<WebSocketProbeConfig> = {
  run: (cfg, t, m, signal, secrets) => runWebSocket(cfg, t, m, signal, secrets.jwtSecret),
  host: (cfg) => new URL(cfg.url).hostname,
  // Connected and upgraded, then silent: the server never sent its first message.
  timeoutClass: (phase) => (phase === "first-message" ? "no-first-message" : "timeout"),
};
