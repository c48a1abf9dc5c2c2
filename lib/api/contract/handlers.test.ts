import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/emulator";
import { configWorld } from "@/emulator/testing";
import type { Role } from "@/lib/auth/roles";
import { getStore } from "@/lib/store/db";
import { expectDocumented } from "./testing";
import { documentedStatuses } from "./lookup";
import { API_ROUTES } from "./registry";
import { servedOperations } from "./route-files";
import { MEDIA, type RouteContract } from "./types";

/**
 * The real route handlers, called as Next calls them, with the app's wiring pointed at the
 * emulator (gRPC Monitoring + Logging on loopback) and a store in a temporary folder. Every
 * answer's status must be one the document lists for the operation, and its body must match
 * that status's schema: the reads as an admin, every protected operation without a session
 * and with too small a role, and malformed path parameters and bodies.
 */

const SECRET = "handlers-contract-test-secret-".padEnd(40, "h");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sw-handlers-"));
let emulator: RunningEmulator;

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const files = new Map(servedOperations(path.resolve("app")).map((s) => [s.operation, s.file]));

async function handlerOf(route: RouteContract): Promise<Handler> {
  const file = files.get(`${route.method} ${route.path}`);
  if (!file) throw new Error(`no route file for ${route.method} ${route.path}`);
  const mod = (await import(file)) as Record<string, Handler>;
  const handler = mod[route.method];
  if (!handler) throw new Error(`${file} exports no ${route.method}`);
  return handler;
}

/** Valid path parameters for each template (a configured probe, a seed phase, well-formed ids). */
const SAMPLE: Record<string, string> = {
  name: "backend-health",
  id: "00000000-0000-4000-8000-000000000000",
  conflictId: "00000000-0000-4000-8000-000000000001",
  phaseId: "infrastructure",
  actionId: "no-such-action",
  token: "not-a-share-token",
};
const paramsOf = (route: RouteContract, override: Record<string, string> = {}) =>
  Object.fromEntries([...route.path.matchAll(/\{([^}]+)\}/g)].map(([, name = ""]) => [name, override[name] ?? SAMPLE[name] ?? "x"]));

async function call(route: RouteContract, opts: { role?: Role; params?: Record<string, string>; body?: string; query?: string } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (opts.role) headers.cookie = `next-auth.session-token=${await encode({ token: { sub: opts.role, name: opts.role, username: opts.role, role: opts.role }, secret: SECRET })}`;
  const params = paramsOf(route, opts.params);
  const url = `http://127.0.0.1:3000${route.path.replace(/\{([^}]+)\}/g, (_m, n: string) => encodeURIComponent(params[n] ?? ""))}${opts.query ?? ""}`;
  const req = new NextRequest(url, { method: route.method, headers, ...(opts.body !== undefined ? { body: opts.body } : {}) });
  return (await handlerOf(route))(req, { params: Promise.resolve(params) });
}

/** The status is documented, and the body is what the document says for it. */
async function expectAnswerDocumented(route: RouteContract, res: Response): Promise<void> {
  expect(documentedStatuses(route.method, route.path), `${route.method} ${route.path} answered ${res.status}`).toContain(res.status);
  if (res.status === 204) return;
  const type = res.headers.get("content-type") ?? "";
  if (type.startsWith(MEDIA.markdown)) expectDocumented(route.method, route.path, await res.text(), res.status, MEDIA.markdown);
  else expectDocumented(route.method, route.path, await res.json(), res.status);
}

beforeAll(async () => {
  emulator = await startEmulator({ world: configWorld(), scenario: "incident", historyDays: 1 });
  for (const [name, value] of emulator.env) vi.stubEnv(name, value);
  vi.stubEnv("NEXTAUTH_SECRET", SECRET);
  vi.stubEnv("STAGEWATCH_DATA_DIR", dir);
  vi.stubEnv("STAGEWATCH_DATABASE_URL", undefined);
  vi.stubEnv("STAGEWATCH_PROBES", "off");
  vi.stubEnv("STAGEWATCH_EVALUATORS", "off");
}, 60_000);
afterAll(async () => {
  await (await getStore()).close().catch(() => undefined);
  await emulator.close();
  fs.rmSync(dir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

// next-auth's own endpoints are its contract, not ours.
const ours = API_ROUTES.filter((r) => !r.path.startsWith("/api/auth/"));
const protectedRoutes = ours.filter((r) => "permission" in r.access);
const reads = ours.filter((r) => r.method === "GET" && r.path !== "/api/share/{token}");

describe("reads, as an admin, answer 200 with the documented body", () => {
  it.each(reads.map((r) => [`${r.method} ${r.path}`, r] as const))("%s", async (_name, route) => {
    const res = await call(route, { role: "admin" });
    expect(res.status).toBe(200);
    await expectAnswerDocumented(route, res);
  });

  it("the reads really reached the emulator (figures, not unknowns)", async () => {
    const route = ours.find((r) => r.method === "GET" && r.path === "/api/overview");
    if (!route) throw new Error("no overview route");
    const body = (await (await call(route, { role: "viewer", query: "?range=1h" })).json()) as { source: string; stale: boolean; startups: { now: { value: number | null } } };
    expect(body).toMatchObject({ source: "emulator", stale: false });
    expect(body.startups.now.value).not.toBeNull();
  });

  it("GET /api/tracker/report?format=json answers the JSON report", async () => {
    const route = ours.find((r) => r.path === "/api/tracker/report");
    if (!route) throw new Error("no report route");
    const res = await call(route, { role: "viewer", query: "?format=json&since=2025-09-01" });
    expect(res.headers.get("content-type")).toContain("application/json");
    await expectAnswerDocumented(route, res);
  });
});

describe("every protected operation refuses without a session (401) and below its permission (403), as documented", () => {
  it.each(protectedRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))("%s", async (_name, route) => {
    const anonymous = await call(route, { body: route.body ? "{}" : undefined });
    expect(anonymous.status).toBe(401);
    await expectAnswerDocumented(route, anonymous);
    if ("permission" in route.access && route.access.permission !== "read") {
      const viewer = await call(route, { role: "viewer", body: route.body ? "{}" : undefined });
      expect(viewer.status).toBe(403);
      await expectAnswerDocumented(route, viewer);
    }
  });
});

describe("malformed input is a documented 4xx naming the field, never a 5xx", () => {
  const withParams = ours.filter((r) => r.params);
  it.each(withParams.map((r) => [`${r.method} ${r.path}`, r] as const))("bad path parameters: %s", async (_name, route) => {
    const bad = Object.fromEntries(Object.keys(paramsOf(route)).map((k) => [k, "Not An Id/../%00"]));
    const res = await call(route, { role: "admin", params: bad, body: route.body ? "{}" : undefined });
    await expectAnswerDocumented(route, res);
    if ("public" in route.access) {
      expect(res.status).toBe(404);
      return;
    }
    expect(res.status).toBe(400);
    const body = (await (await call(route, { role: "admin", params: bad, body: route.body ? "{}" : undefined })).json()) as { issues?: { field: string }[] };
    expect(body.issues?.map((i) => i.field)).toContain(Object.keys(bad)[0]);
  });

  const withBody = ours.filter((r) => r.body);
  it.each(withBody.map((r) => [`${r.method} ${r.path}`, r] as const))("bodies: %s", async (_name, route) => {
    for (const body of ['{"zzUnknownField": true}', "{not json", "[1,2,3]", JSON.stringify({ note: "x".repeat(70_000) })]) {
      const res = await call(route, { role: "admin", body });
      expect(res.status, body.slice(0, 40)).toBeGreaterThanOrEqual(400);
      expect(res.status, body.slice(0, 40)).toBeLessThan(500);
      await expectAnswerDocumented(route, res);
    }
    const res = await call(route, { role: "admin", body: '{"zzUnknownField": true}' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/zzUnknownField|\(body\)|:/);
  });

  it.each([
    ["/api/overview", "?range=5y"],
    ["/api/events", "?page=0"],
    ["/api/tracker/history", "?limit=abc"],
    ["/api/tracker/report", "?format=pdf"],
    ["/api/readiness", "?demoAt=tomorrow"],
    ["/api/probes/{name}/history", "?range=custom&from=2025-01-01T00:00:00Z"],
  ])("bad query: %s%s", async (p, query) => {
    const route = ours.find((r) => r.method === "GET" && r.path === p);
    if (!route) throw new Error(`no route ${p}`);
    const res = await call(route, { role: "admin", query });
    expect(res.status).toBe(400);
    await expectAnswerDocumented(route, res);
  });
});

describe("writes, as the roles that may make them, answer the documented bodies", () => {
  const route = (method: RouteContract["method"], p: string) => {
    const r = ours.find((x) => x.method === method && x.path === p);
    if (!r) throw new Error(`no route ${method} ${p}`);
    return r;
  };
  const send = async (method: RouteContract["method"], p: string, opts: Parameters<typeof call>[1], status: number) => {
    const r = route(method, p);
    const res = await call(r, opts);
    expect(res.status, `${method} ${p}`).toBe(status);
    const copy = res.clone();
    await expectAnswerDocumented(r, res);
    return res.status === 204 ? null : ((await copy.json()) as Record<string, unknown>);
  };

  it("the tracker: evaluate, add, edit and remove an action, set a phase, resolve an unknown conflict", async () => {
    await send("POST", "/api/tracker/evaluate", { role: "engineer" }, 200);
    const action = await send("POST", "/api/tracker/phases/{phaseId}/actions", { role: "engineer", body: JSON.stringify({ title: "Size the connector up", owner: "infra" }) }, 201);
    const actionId = String(action?.id);
    const edited = await send("PATCH", "/api/tracker/phases/{phaseId}/actions/{actionId}", { role: "engineer", params: { actionId }, body: JSON.stringify({ version: action?.version, status: "done" }) }, 200);
    // The same stale version again: a documented 409 carrying the current state.
    await send("PATCH", "/api/tracker/phases/{phaseId}/actions/{actionId}", { role: "engineer", params: { actionId }, body: JSON.stringify({ version: action?.version, status: "todo" }) }, 409);
    await send("DELETE", "/api/tracker/phases/{phaseId}/actions/{actionId}", { role: "engineer", params: { actionId }, query: `?version=${String(edited?.version)}` }, 204);
    await send("PATCH", "/api/tracker/phases/{phaseId}", { role: "admin", params: { phaseId: "validation" }, body: JSON.stringify({ version: 1, status: "held" }) }, 200);
    await send("POST", "/api/tracker/conflicts/{conflictId}", { role: "engineer", body: JSON.stringify({ keep: "store" }) }, 404);
  });

  it("share links: create, list, revoke; the public route then says revoked (410)", async () => {
    const created = await send("POST", "/api/readiness/share-links", { role: "engineer", body: JSON.stringify({ expiresInSeconds: 600, note: "for sales" }) }, 201);
    const link = created?.link as { id: string; path: string };
    await send("GET", "/api/readiness/share-links", { role: "engineer" }, 200);
    await send("DELETE", "/api/readiness/share-links/{id}", { role: "engineer", params: { id: link.id } }, 200);
    const token = link.path.split("/").pop() ?? "";
    await send("GET", "/api/share/{token}", { params: { token } }, 410);
  });

  it("what-if: a prediction for the seed's staging", async () => {
    const scenario = {
      services: [{ name: "backend", instances: 4, poolSize: 5, dbTimeoutSeconds: 8 }],
      connector: { machineType: "e2-micro", minInstances: 2, maxInstances: 3 },
      database: { maxConnections: 100 },
      seeds: 5,
    };
    const body = await send("POST", "/api/what-if", { role: "viewer", body: JSON.stringify(scenario) }, 200);
    expect(body?.basis).toBe("model");
  });

  it("run now and re-check against the emulator's loopback targets; a second press is a documented 429", async () => {
    const run = await send("POST", "/api/probes/{name}/run", { role: "engineer" }, 200);
    expect((run?.result as { probe: string }).probe).toBe("backend-health");
    await send("POST", "/api/probes/{name}/run", { role: "engineer" }, 429);
    const recheck = await send("POST", "/api/readiness/recheck", { role: "viewer" }, 200);
    expect(recheck?.recheck).toBeDefined();
    await send("POST", "/api/readiness/recheck", { role: "viewer" }, 429);
  });
});
