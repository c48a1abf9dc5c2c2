import { randomBytes } from "node:crypto";
import http from "node:http";
import { SignJWT } from "jose";
import { uniform } from "./model";
import { listenOn, standinLifetime } from "./standin-server";
import type { EmulatorState } from "./state";

/**
 * A stand-in for the staging web app the presenter demos: a sign-in form, and a dashboard that
 * opens the backend WebSocket with the JWT auth issued and shows a live value. Sign-in asks
 * auth, which needs the database: while the model says auth is failing (the incident) the
 * request waits out auth's database time-out and fails. The live value arrives only while
 * auth and backend agree on the JWT secret.
 */

export interface WebFrontendOptions {
  state: EmulatorState;
  host: string;
  port: number;
  /** The backend's WebSocket, e.g. ws://127.0.0.1:<port>/ws. */
  backendWsUrl: string;
  /** Auth signs session tokens with this secret (the backend verifies with it, or a mismatched one). */
  jwtSecret: string;
  /** The presenter's password. */
  password: string;
  log: (line: string) => void;
}

const COOKIE = "demo_session";
const MAX_FORM = 8 * 1024;

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} · Netra staging</title>` +
  `<style>body{font:16px system-ui;margin:3rem auto;max-width:32rem}label{display:block;margin:.5rem 0}input{display:block;width:100%;padding:.4rem}button{margin-top:1rem;padding:.5rem 1rem}.err{color:#b00}</style></head><body>${body}</body></html>`;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function signInPage(error?: string): string {
  return page(
    "Sign in",
    `<h1>Sign in to Netra</h1>${error ? `<p class="err" role="alert">${esc(error)}</p>` : ""}
<form method="post" action="/sign-in"><label for="username">User name</label><input id="username" name="username" autocomplete="username">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password">
<button type="submit">Sign in</button></form>`,
  );
}

function dashboardPage(user: string, wsUrl: string): string {
  return page(
    "Dashboard",
    `<h1>Dashboard</h1><p>Signed in as <strong id="user">${esc(user)}</strong></p>
<p>Active sessions (live): <strong id="live-value">connecting…</strong></p><p id="live-status" role="status">Connecting to live updates…</p>
<script>
const value = document.getElementById("live-value"), status = document.getElementById("live-status");
let got = false;
const ws = new WebSocket(${JSON.stringify(wsUrl)});
ws.onmessage = (e) => { const m = JSON.parse(e.data); if (m.type === "value") { got = true; value.textContent = String(m.value); status.textContent = "Live"; } };
ws.onclose = (e) => { if (!got) { value.textContent = "unavailable"; status.textContent = "Live updates unavailable (the connection was refused)"; } };
</script>`,
  );
}

export async function startWebFrontend(options: WebFrontendOptions): Promise<{ port: number; close(): Promise<void> }> {
  const { state } = options;
  const sessions = new Map<string, string>();
  const lifetime = standinLifetime();
  const later = lifetime.later;
  let counter = 0;
  const authTimeoutMs = (state.world.services.find((s) => s.name === "auth")?.dbTimeoutSeconds ?? 8) * 1000;
  const secret = new TextEncoder().encode(options.jwtSecret);

  /** How auth answers this sign-in, drawn from the model's mix for auth this minute. */
  const authAnswers = (): "up" | "slow" | "fails" => {
    const minute = state.nowMinute();
    const b = state.model.endpoints(minute).http.auth;
    if (!b) return "fails";
    const u = uniform(state.seed, 41, Math.floor(minute), counter++);
    return u < b.up ? "up" : u < b.up + b.slow ? "slow" : "fails";
  };

  const html = (res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    if (!res.destroyed)
      res
        .writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", ...headers })
        .end(body);
  };

  const signIn = (req: http.IncomingMessage, res: http.ServerResponse) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString("utf8");
      if (body.length > MAX_FORM) req.destroy();
    });
    req.on("end", () => {
      const form = new URLSearchParams(body);
      const user = form.get("username")?.trim() ?? "";
      if (!user || form.get("password") !== options.password)
        return html(res, 401, signInPage("Wrong user name or password."));
      const answer = authAnswers();
      const admit = () => {
        const id = randomBytes(16).toString("hex");
        sessions.set(id, user);
        res
          .writeHead(303, { location: "/dashboard", "set-cookie": `${COOKIE}=${id}; HttpOnly; SameSite=Lax; Path=/` })
          .end();
      };
      if (answer === "up") return admit();
      if (answer === "slow") return later(1200 + uniform(state.seed, 42, counter++) * 1300, admit);
      // Auth waits for a database connection that never comes, then gives up: the sign-in hangs that long.
      options.log(`[web] sign-in for ${user} waits on auth's database (${authTimeoutMs} ms time-out)`);
      later(authTimeoutMs, () =>
        html(res, 504, signInPage(`Sign-in failed: the database did not answer within ${authTimeoutMs / 1000} s.`)),
      );
    });
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://emulator");
    if (req.method === "GET" && url.pathname === "/") return html(res, 200, signInPage());
    if (req.method === "POST" && url.pathname === "/sign-in") return signIn(req, res);
    if (req.method === "GET" && url.pathname === "/dashboard") {
      const id = /(?:^|;\s*)demo_session=([0-9a-f]{32})/.exec(req.headers.cookie ?? "")?.[1];
      const user = id ? sessions.get(id) : undefined;
      if (!user) return void res.writeHead(303, { location: "/" }).end();
      void new SignJWT({ name: user })
        .setProtectedHeader({ alg: "HS256" })
        .setSubject(user)
        .setIssuedAt()
        .setExpirationTime("10m")
        .sign(secret)
        .then((token) =>
          html(res, 200, dashboardPage(user, `${options.backendWsUrl}?token=${encodeURIComponent(token)}`)),
        );
      return;
    }
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  });
  server.on("connection", lifetime.track);
  return {
    port: await listenOn(server, options.port, options.host),
    close: () =>
      new Promise<void>((resolve) => {
        lifetime.end();
        server.close(() => resolve());
      }),
  };
}
