import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import { WebSocketServer } from "ws";

/** Test helpers: a small loopback site to rehearse against, and a check for leftover Chromium processes. */

export interface TestSite {
  url: string;
  /** Passwords posted to /sign-in, to prove a secret reached the page. */
  posted: string[];
  close(): Promise<void>;
}

const SIGN_IN = `<!doctype html><title>Sign in</title><form method="post" action="/sign-in">
<label>User <input id="user" name="user"></label><label>Password <input id="password" name="password" type="password"></label>
<button type="submit">Sign in</button></form>`;
const DASHBOARD = `<!doctype html><title>Dashboard</title><h1>Dashboard</h1><p>Live value: <span id="live">waiting</span></p>
<script>const ws = new WebSocket("ws://" + location.host + "/ws"); ws.onmessage = (e) => { document.getElementById("live").textContent = JSON.parse(e.data).value; };</script>`;
const BUSY = `<!doctype html><title>Busy</title><button id="go">Go</button><script>setTimeout(() => { for (;;) {} }, 100);</script>`;

export async function startTestSite(): Promise<TestSite> {
  const posted: string[] = [];
  const hung = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://site").pathname;
    const html = (body: string) => res.writeHead(200, { "content-type": "text/html" }).end(body);
    if (path === "/") return html(SIGN_IN);
    if (path === "/sign-in" && req.method === "POST") {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        posted.push(new URLSearchParams(body).get("password") ?? "");
        res.writeHead(303, { location: "/dashboard" }).end();
      });
      return;
    }
    if (path === "/dashboard") return html(DASHBOARD);
    if (path === "/busy") return html(BUSY);
    if (path === "/never") return void hung.add(res);
    res.writeHead(404).end("not found");
  });
  const wss = new WebSocketServer({ server, path: "/ws" });
  wss.on("connection", (ws) => setTimeout(() => ws.send(JSON.stringify({ type: "value", value: 42 })), 50));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    posted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hung) res.destroy();
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Processes whose process group is `pgid` (a browser launched by Playwright leads its own group). */
export function processesInGroup(pgid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // fields[0] = state, [2] = pgrp; a zombie is already dead, only not yet reaped.
      if (Number(fields[2]) === pgid && fields[0] !== "Z") out.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

export async function waitForNoProcesses(pgid: number, ms = 5_000): Promise<number[]> {
  const until = Date.now() + ms;
  let left = processesInGroup(pgid);
  while (left.length && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    left = processesInGroup(pgid);
  }
  return left;
}
