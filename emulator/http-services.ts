import http from "node:http";
import type { Duplex } from "node:stream";
import { jwtVerify } from "jose";
import { WebSocketServer, type WebSocket } from "ws";
import { uniform, type HttpBehaviour } from "./model";
import { listenOn, standinLifetime } from "./standin-server";
import type { EmulatorState } from "./state";

/**
 * HTTP stand-ins for the staging services: GET /health answers as the model says the service
 * is doing this minute (up, slow, down or hanging), and the backend's /ws WebSocket checks a
 * JWT the way the real backend does, rejecting it while auth and backend disagree on the secret.
 */

export type HttpMode = keyof HttpBehaviour;

export interface StandinOptions {
  state: EmulatorState;
  service: string;
  host: string;
  port: number;
  /** Enables /ws with JWT verification against this shared secret. */
  jwtSecret?: string;
  log: (line: string) => void;
}

export interface RunningStandin {
  port: number;
  close(): Promise<void>;
}

const DOWN: HttpBehaviour = { up: 0, slow: 0, down: 1, hang: 0 };
/** The secret the backend verifies with while the JWT configuration is inconsistent. */
const MISMATCHED_SUFFIX = ":JWT_SECRET_KEY";

export async function startServiceStandin(options: StandinOptions): Promise<RunningStandin> {
  const { state, service } = options;
  const lifetime = standinLifetime();
  const later = lifetime.later;
  let counter = 0;

  /** How this request is answered: drawn from the model's mix for the current minute. */
  const draw = (): { mode: HttpMode; u: number } => {
    const minute = state.nowMinute();
    const behaviour = state.model.endpoints(minute).http[service] ?? DOWN;
    const u = uniform(state.seed, 31, Math.floor(minute), counter++);
    const v = uniform(state.seed, 32, Math.floor(minute), counter);
    const forced = state.forcedStandins.get(service);
    if (forced) return { mode: forced, u: v };
    let acc = 0;
    for (const mode of ["up", "slow", "down", "hang"] as const) {
      acc += behaviour[mode];
      if (u < acc) return { mode, u: v };
    }
    return { mode: "down", u: v };
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://emulator");
    if (req.method !== "GET" || url.pathname !== "/health") {
      res
        .writeHead(404, { "content-type": "application/json" })
        .end(JSON.stringify({ error: "not_found", path: url.pathname }));
      return;
    }
    const { mode, u } = draw();
    const send = (status: number, body: object) => {
      if (!res.destroyed)
        res
          .writeHead(status, { "content-type": "application/json", "cache-control": "no-store" })
          .end(JSON.stringify(body));
    };
    switch (mode) {
      case "up":
        later(10 + u * 50, () => send(200, { status: "UP", service }));
        break;
      case "slow":
        later(1200 + u * 1300, () => send(200, { status: "UP", service }));
        break;
      case "down":
        later(50 + u * 250, () =>
          send(503, { status: "DOWN", service, reason: "no instance could open its database pool" }),
        );
        break;
      case "hang":
        // Like a request queued for an instance that never becomes ready: no answer at all.
        later(120_000, () => res.destroy());
        break;
    }
  });
  server.on("connection", lifetime.track);

  const clients = new Set<WebSocket>();
  if (options.jwtSecret !== undefined) {
    const secret = options.jwtSecret;
    const wss = new WebSocketServer({ noServer: true });
    const refuse = (socket: Duplex, status: string, body: object) => {
      const text = JSON.stringify(body);
      socket.end(
        `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
      );
    };
    server.on("upgrade", (req, socket, head) => {
      lifetime.track(socket);
      socket.on("error", () => socket.destroy());
      const url = new URL(req.url ?? "/", "http://emulator");
      if (url.pathname !== "/ws") return refuse(socket, "404 Not Found", { error: "not_found" });
      const { mode, u } = draw();
      if (mode === "down")
        return refuse(socket, "503 Service Unavailable", {
          error: "unavailable",
          message: "no ready backend instance",
        });
      if (mode === "hang") return later(120_000, () => socket.destroy());
      const header = req.headers.authorization ?? "";
      const token = /^Bearer\s+(.+)$/i.exec(header)?.[1] ?? url.searchParams.get("token") ?? "";
      const mismatch = state.model.endpoints(state.nowMinute()).jwtMismatch;
      const key = new TextEncoder().encode(mismatch ? `${secret}${MISMATCHED_SUFFIX}` : secret);
      const accept = async () => {
        if (!token)
          return refuse(socket, "401 Unauthorized", {
            error: "missing_token",
            message: "Send a JWT as Bearer token or ?token=",
          });
        try {
          await jwtVerify(token, key, { algorithms: ["HS256", "HS384", "HS512"] });
        } catch (err) {
          options.log(
            `[${service}] WebSocket handshake rejected: ${(err as Error).message}${mismatch ? " (auth and backend use different JWT secrets)" : ""}`,
          );
          return refuse(socket, "401 Unauthorized", {
            error: "invalid_token",
            message: "JWT signature verification failed",
          });
        }
        if (socket.destroyed) return;
        wss.handleUpgrade(req, socket, head, (ws) => {
          clients.add(ws);
          ws.on("close", () => clients.delete(ws));
          ws.on("error", () => ws.terminate());
          ws.send(JSON.stringify({ type: "connected", service, at: new Date(state.nowMs()).toISOString() }));
          // The live value the staging dashboard shows: active sessions, every 2 s, first one at once.
          const sendValue = () => {
            const minute = state.nowMinute();
            const value = 40 + Math.floor(uniform(state.seed, 33, Math.floor(minute), counter++) * 20);
            if (ws.readyState === ws.OPEN)
              ws.send(
                JSON.stringify({
                  type: "value",
                  name: "active-sessions",
                  value,
                  at: new Date(state.nowMs()).toISOString(),
                }),
              );
          };
          sendValue();
          const ticker = setInterval(sendValue, 2_000);
          ws.on("close", () => clearInterval(ticker));
        });
      };
      if (mode === "slow") later(1200 + u * 1300, () => void accept());
      else void accept();
    });
  }

  const port = await listenOn(server, options.port, options.host);

  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of clients) ws.terminate();
        lifetime.end();
        server.close(() => resolve());
      }),
  };
}
