import http from "node:http";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { SignJWT } from "jose";
import WebSocket from "ws";
import type { ScenarioName } from "./model";
import { startDbPort, type DbPortMode } from "./db-port";
import { startEmulator, type RunningEmulator } from "./emulator";
import type { EmulatorState } from "./state";
import { configWorld, testClock } from "./testing";

/** Real HTTP, WebSocket and TCP clients against the stand-ins, driven through scenarios. */

const SECRET = "test-shared-jwt-secret-0123456789";
const running: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const r of running.splice(0)) await r.close();
});

const ADMIN_TOKEN = "admin-token-for-tests";
const AUTH = { authorization: `Bearer ${ADMIN_TOKEN}` };

/** A raw request, so the test can send any Host header (fetch will not). */
function rawRequest(
  port: number,
  opts: { method: string; path: string; headers: Record<string, string>; body?: string },
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, method: opts.method, path: opts.path, headers: opts.headers },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

async function emulatorIn(scenario: ScenarioName, clock = testClock()): Promise<RunningEmulator> {
  const e = await startEmulator({
    world: configWorld(),
    scenario,
    now: clock.now,
    jwtSecret: SECRET,
    timeScale: 20,
    adminToken: ADMIN_TOKEN,
  });
  running.push(e);
  return e;
}

async function health(port: number, timeoutMs = 1500): Promise<{ status: number; body: unknown } | "timeout"> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    return { status: res.status, body: await res.json() };
  } catch (err) {
    if ((err as Error).name === "TimeoutError") return "timeout";
    throw err;
  }
}

const token = (secret: string) =>
  new SignJWT({ sub: "stagewatch-probe" })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(new TextEncoder().encode(secret));

/** Opens the WebSocket; resolves with the first message, or the HTTP status the upgrade was refused with. */
function handshake(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ message: unknown } | { status: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, handshakeTimeout: 4000 });
    ws.once("message", (data: WebSocket.RawData) => {
      resolve({ message: JSON.parse(data.toString()) });
      ws.close();
    });
    ws.once("unexpected-response", (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      res.resume();
      ws.terminate();
    });
    ws.once("error", reject);
  });
}

function connect(port: number, timeoutMs: number): Promise<"connected" | "timeout" | "refused"> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    const done = (result: "connected" | "timeout" | "refused") => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done("timeout"));
    socket.once("connect", () => done("connected"));
    socket.once("error", (err: NodeJS.ErrnoException) => done(err.code === "ECONNREFUSED" ? "refused" : "timeout"));
  });
}

describe("service stand-ins follow the scenario", () => {
  it("healthy: backend and auth /health answer 200 UP quickly; unknown paths 404", async () => {
    const e = await emulatorIn("healthy");
    for (const port of [e.ports.backend, e.ports.auth]) {
      const started = Date.now();
      const res = await health(port, 4000);
      expect(res).toMatchObject({ status: 200, body: { status: "UP" } });
      expect(Date.now() - started).toBeLessThan(3000);
    }
    expect((await fetch(`http://127.0.0.1:${e.ports.backend}/nope`)).status).toBe(404);
  });

  it("incident: /health is 503 DOWN or never answers", async () => {
    const e = await emulatorIn("incident");
    const answers: Awaited<ReturnType<typeof health>>[] = [];
    for (let i = 0; i < 8; i++) answers.push(await health(e.ports.backend, 800));
    const answered = answers.filter((r) => r !== "timeout");
    // The incident mix is 60% DOWN, 40% hang: eight silences in a row would be a stand-in that
    // only hangs (or one that never answers at all), and that is a failure, not a pass.
    expect(answered.length, `answers: ${JSON.stringify(answers)}`).toBeGreaterThan(0);
    for (const res of answered) expect(res).toMatchObject({ status: 503, body: { status: "DOWN" } });
  });

  it("healthy: the backend WebSocket accepts a JWT signed with the shared secret (header or ?token=) and sends {type: connected}", async () => {
    const e = await emulatorIn("healthy");
    const url = `ws://127.0.0.1:${e.ports.backend}/ws`;
    expect(await handshake(url, { authorization: `Bearer ${await token(SECRET)}` })).toMatchObject({
      message: { type: "connected" },
    });
    expect(await handshake(`${url}?token=${await token(SECRET)}`)).toMatchObject({ message: { type: "connected" } });
    expect(await handshake(url, { authorization: `Bearer ${await token("another-secret-entirely-000")}` })).toEqual({
      status: 401,
    });
    expect(await handshake(url)).toEqual({ status: 401 });
  });

  it("while auth and backend use different JWT secrets, a correctly signed token is rejected with 401", async () => {
    const clock = testClock();
    const e = await emulatorIn("recovering", clock);
    clock.advance(60_000); // 20 model minutes into the recovery: the backend is up, the JWT mismatch remains
    expect(e.state.snapshot().endpoints.jwtMismatch).toBe(true);
    expect(
      await handshake(`ws://127.0.0.1:${e.ports.backend}/ws`, { authorization: `Bearer ${await token(SECRET)}` }),
    ).toEqual({ status: 401 });
  });

  it("the admin endpoint switches scenarios at run time and the stand-ins follow", async () => {
    const e = await emulatorIn("incident");
    const admin = `http://127.0.0.1:${e.ports.admin}`;
    expect(await (await fetch(`${admin}/state`)).json()).toMatchObject({
      scenario: "incident",
      phase: "incident",
      connector: { machineType: "e2-micro", instances: 3 },
    });
    const switched = await fetch(`${admin}/scenario`, {
      method: "POST",
      body: JSON.stringify({ scenario: "healthy" }),
      headers: { "content-type": "application/json", ...AUTH },
    });
    expect(switched.status).toBe(200);
    expect(await switched.json()).toMatchObject({ scenario: "healthy", phase: "healthy" });
    expect(await health(e.ports.backend, 4000)).toMatchObject({ status: 200, body: { status: "UP" } });
  });

  it("a backdated switch rewrites that much history: the last hour of an incident becomes healthy, the hour before stays failing", async () => {
    const clock = testClock();
    const e = await emulatorIn("incident", clock);
    const now = Math.floor(clock.now() / 60_000);
    const unhealthy = (from: number, to: number) => {
      let n = 0;
      for (let m = from; m < to; m++)
        for (let i = 0; i < e.state.world.services.length; i++)
          n += e.state.minute(m).services[i]?.startupUnhealthy ?? 0;
      return n;
    };
    expect(unhealthy(now - 60, now)).toBeGreaterThan(0);
    const res = await fetch(`http://127.0.0.1:${e.ports.admin}/scenario`, {
      method: "POST",
      body: JSON.stringify({ scenario: "healthy", backdateMinutes: 61 }),
      headers: AUTH,
    });
    expect(await res.json()).toMatchObject({ scenario: "healthy", phase: "healthy" });
    expect(unhealthy(now - 60, now)).toBe(0);
    expect(unhealthy(now - 180, now - 62)).toBeGreaterThan(0);
  });

  it.each([
    [{ scenario: "sunny" }, "scenario"],
    [{}, "scenario"],
    [{ scenario: "healthy", extra: 1 }, "(body)"],
    [{ scenario: "demo", recoverAfterMinutes: -1 }, "recoverAfterMinutes"],
    [{ scenario: "healthy", backdateMinutes: -5 }, "backdateMinutes"],
  ])("POST /scenario %o → 400 naming %s", async (body, field) => {
    const e = await emulatorIn("incident");
    const res = await fetch(`http://127.0.0.1:${e.ports.admin}/scenario`, {
      method: "POST",
      body: JSON.stringify(body),
      headers: AUTH,
    });
    expect(res.status).toBe(400);
    const json = (await res.json()) as { message: string; issues: { field: string }[] };
    expect(json.issues[0]?.field).toBe(field);
    expect(json.message.startsWith(`${field}:`)).toBe(true);
    expect(e.state.scenario).toBe("incident");
  });

  it("POST /standin breaks one stand-in while the model (and so Monitoring) stays healthy, and 'model' restores it", async () => {
    const e = await emulatorIn("healthy");
    const admin = `http://127.0.0.1:${e.ports.admin}`;
    const force = (mode: string) =>
      fetch(`${admin}/standin`, { method: "POST", body: JSON.stringify({ service: "backend", mode }), headers: AUTH });
    expect((await force("down")).status).toBe(200);
    expect(await health(e.ports.backend, 4000)).toMatchObject({ status: 503 });
    expect(e.state.snapshot()).toMatchObject({ phase: "healthy", forcedStandins: { backend: "down" } });
    expect((await force("model")).status).toBe(200);
    expect(await health(e.ports.backend, 4000)).toMatchObject({ status: 200 });
    const bad = await fetch(`${admin}/standin`, {
      method: "POST",
      body: JSON.stringify({ service: "nope", mode: "down" }),
      headers: AUTH,
    });
    expect(bad.status).toBe(400);
  });

  it("refuses changes without the token printed at start, and any non-loopback Host or Origin", async () => {
    const e = await emulatorIn("incident");
    const port = e.ports.admin;
    const body = JSON.stringify({ scenario: "healthy" });
    expect(e.env.find(([k]) => k === "STAGEWATCH_EMULATOR_ADMIN_TOKEN")?.[1]).toBe(ADMIN_TOKEN);
    expect(await rawRequest(port, { method: "POST", path: "/scenario", headers: {}, body })).toBe(401);
    expect(
      await rawRequest(port, {
        method: "POST",
        path: "/scenario",
        headers: { authorization: "Bearer wrong-token-of-some-length" },
        body,
      }),
    ).toBe(401);
    // A page on the demo machine: a cross-site origin, or DNS rebinding (a foreign Host on loopback).
    expect(
      await rawRequest(port, {
        method: "POST",
        path: "/scenario",
        headers: { ...AUTH, origin: "https://evil.example" },
        body,
      }),
    ).toBe(403);
    expect(
      await rawRequest(port, { method: "POST", path: "/scenario", headers: { ...AUTH, host: "evil.example" }, body }),
    ).toBe(403);
    expect(await rawRequest(port, { method: "GET", path: "/state", headers: { host: `rebind.example:${port}` } })).toBe(
      403,
    );
    expect(e.state.scenario).toBe("incident");
    expect(
      await rawRequest(port, {
        method: "POST",
        path: "/scenario",
        headers: { ...AUTH, origin: `http://localhost:${port}` },
        body,
      }),
    ).toBe(200);
    expect(e.state.scenario).toBe("healthy");
  });

  it("POST /time-scale speeds up the demo and is validated", async () => {
    const e = await emulatorIn("demo");
    const admin = `http://127.0.0.1:${e.ports.admin}`;
    expect(
      (await fetch(`${admin}/time-scale`, { method: "POST", body: JSON.stringify({ timeScale: 0 }), headers: AUTH }))
        .status,
    ).toBe(400);
    const res = await fetch(`${admin}/time-scale`, {
      method: "POST",
      body: JSON.stringify({ timeScale: 600 }),
      headers: AUTH,
    });
    expect(await res.json()).toMatchObject({ timeScale: 600, phase: "incident" });
    expect(e.state.snapshot().nextChange?.phase).toBe("recovering");
  });
});

describe("database port stand-in", () => {
  function fixedMode(initial: DbPortMode) {
    let mode = initial;
    const state = {
      nowMinute: () => 0,
      model: { endpoints: () => ({ dbPort: mode, http: {}, jwtMismatch: false }) },
    } as unknown as EmulatorState;
    return { state, set: (m: DbPortMode) => (mode = m) };
  }

  it("accepts, hangs without accepting, and refuses, switching on the same port", async () => {
    const control = fixedMode("accept");
    const db = await startDbPort({ state: control.state, host: "127.0.0.1", port: 0, log: () => {} });
    running.push(db);
    expect(await connect(db.port, 1000)).toBe("connected");
    control.set("hang");
    await db.sync();
    const started = Date.now();
    expect(await connect(db.port, 700)).toBe("timeout");
    expect(Date.now() - started).toBeGreaterThanOrEqual(650);
    control.set("refuse");
    await db.sync();
    expect(await connect(db.port, 1000)).toBe("refused");
    control.set("accept");
    await db.sync();
    expect(await connect(db.port, 1000)).toBe("connected");
  });

  it("follows the model: the incident's saturated connector makes connects time out, healthy accepts", async () => {
    const incident = await emulatorIn("incident");
    expect(incident.state.model.endpoints(incident.state.nowMinute()).dbPort).toBe("hang");
    expect(await connect(incident.ports.db, 700)).toBe("timeout");
    const healthy = await emulatorIn("healthy");
    expect(await connect(healthy.ports.db, 1000)).toBe("connected");
  });
});
