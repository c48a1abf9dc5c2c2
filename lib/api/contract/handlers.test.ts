import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/emulator";
import { configWorld } from "@/emulator/testing";
import type { Role } from "@/lib/auth/roles";
import { saveRun } from "@/lib/rehearsal/evidence";
import { rehearsalDir } from "@/lib/rehearsal/paths";
import { getLimiters, LIMITS } from "@/lib/security/rate-limits";
import { stopBackground } from "@/lib/server/background";
import { getStore } from "@/lib/store/db";
import { WHAT_IF_QUEUE } from "@/lib/what-if/pool";
import { expectDocumented } from "./testing";
import { documentedStatuses } from "./lookup";
import { API_ROUTES } from "./registry";
import { servedOperations } from "./route-files";
import { stubDemoAppEnv, sessionCookie } from "./session-testing";
import { MEDIA, type RouteContract } from "./types";

/**
 * The real route handlers, called as Next calls them, with the app's wiring pointed at the
 * emulator (gRPC Monitoring + Logging on loopback) and a store in a temporary folder. Every
 * answer's status must be one the document lists for the operation, and its body must match
 * that status's schema: the reads as an admin, every protected operation without a session
 * and with too small a role, every write cross-site and with a non-JSON body, and malformed
 * path parameters and bodies. Sessions are real rows in the store (withAuth checks them).
 */

const SECRET = "handlers-contract-test-secret-".padEnd(40, "h");
const ORIGIN = "http://127.0.0.1:3000";
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
  kind: "end",
  email: "nobody@example.com",
};
const paramsOf = (route: RouteContract, override: Record<string, string> = {}) =>
  Object.fromEntries(
    [...route.path.matchAll(/\{([^}]+)\}/g)].map(([, name = ""]) => [name, override[name] ?? SAMPLE[name] ?? "x"]),
  );

// One live session per role, started on first use.
const cookies = new Map<Role, Promise<string>>();
const cookieOf = (role: Role): Promise<string> => {
  const hit = cookies.get(role) ?? sessionCookie(role, SECRET);
  cookies.set(role, hit);
  return hit;
};

type CallOptions = {
  role?: Role;
  params?: Record<string, string>;
  body?: string;
  query?: string;
  origin?: string | null;
  contentType?: string;
  headers?: Record<string, string>;
};

/** As a browser on the app's own page sends it, unless `origin` (null: none) or `contentType` say otherwise. */
async function call(route: RouteContract, opts: CallOptions = {}) {
  const headers: Record<string, string> = { "content-type": opts.contentType ?? "application/json", ...opts.headers };
  if (opts.role) headers.cookie = await cookieOf(opts.role);
  const origin = opts.origin === undefined ? ORIGIN : opts.origin;
  if (origin !== null && route.method !== "GET") headers.origin = origin;
  // A browser states the length; withAuth's media-type check looks for it.
  if (opts.body !== undefined) headers["content-length"] = String(Buffer.byteLength(opts.body));
  const params = paramsOf(route, opts.params);
  const url = `${ORIGIN}${route.path.replace(/\{([^}]+)\}/g, (_m, n: string) => encodeURIComponent(params[n] ?? ""))}${opts.query ?? ""}`;
  const req = new NextRequest(url, {
    method: route.method,
    headers,
    ...(opts.body !== undefined ? { body: opts.body } : {}),
  });
  return (await handlerOf(route))(req, { params: Promise.resolve(params) });
}

/** The status is documented, and the body is what the document says for it. */
async function expectAnswerDocumented(route: RouteContract, res: Response): Promise<void> {
  expect(
    documentedStatuses(route.method, route.path),
    `${route.method} ${route.path} answered ${res.status}`,
  ).toContain(res.status);
  if (res.status === 204) return;
  const type = res.headers.get("content-type") ?? "";
  if (type.startsWith(MEDIA.png)) expectDocumented(route.method, route.path, "(binary)", res.status, MEDIA.png);
  else if (type.startsWith(MEDIA.eventStream)) expectDocumentedEvent(route, await firstEventData(res), res.status);
  else if (type.startsWith(MEDIA.markdown))
    expectDocumented(route.method, route.path, await res.text(), res.status, MEDIA.markdown);
  else if (type.startsWith(MEDIA.yaml))
    expectDocumented(route.method, route.path, await res.text(), res.status, MEDIA.yaml);
  else expectDocumented(route.method, route.path, await res.json(), res.status);
}

/** The data of a stream's first event (it stays open: read until one event is whole, then hang up). */
async function firstEventData(res: Response): Promise<unknown> {
  const reader = res.body?.getReader();
  if (!reader) throw new Error("an event stream without a body");
  let text = "";
  const decoder = new TextDecoder();
  while (!/\ndata: .*\n\n/.test(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel();
  const data = /\ndata: (.*)\n\n/.exec(text)?.[1];
  if (!data) throw new Error(`no event in ${JSON.stringify(text.slice(0, 200))}`);
  return JSON.parse(data);
}

const expectDocumentedEvent = (route: RouteContract, data: unknown, status: number) =>
  expectDocumented(route.method, route.path, data, status, MEDIA.eventStream);

beforeAll(async () => {
  emulator = await startEmulator({ world: configWorld(), scenario: "incident", historyDays: 1 });
  for (const [name, value] of emulator.env) vi.stubEnv(name, value);
  stubDemoAppEnv(SECRET, ORIGIN, dir);
}, 60_000);
afterAll(async () => {
  // GET /api/ready starts the leader election; stopping it also closes the store.
  await stopBackground().catch(() => undefined);
  await (await getStore()).close().catch(() => undefined);
  await emulator.close();
  fs.rmSync(dir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

// next-auth's own endpoints are its contract, not ours.
const ours = API_ROUTES.filter((r) => !r.path.startsWith("/api/auth/"));
const protectedRoutes = ours.filter((r) => "permission" in r.access);
// Answered in their own tests below: a share token, readiness (200 or 503), a stored screenshot.
const OWN_TESTS = new Set(["/api/share/{token}", "/api/ready", "/api/rehearsals/{id}/screenshots/{kind}"]);
const reads = ours.filter((r) => r.method === "GET" && !OWN_TESTS.has(r.path));
const writes = protectedRoutes.filter((r) => r.method !== "GET");

describe("reads, as an admin, answer 200 with the documented body", () => {
  it.each(reads.map((r) => [`${r.method} ${r.path}`, r] as const))("%s", async (_name, route) => {
    const res = await call(route, { role: "admin" });
    expect(res.status).toBe(200);
    await expectAnswerDocumented(route, res);
  });

  it("the reads really reached the emulator (figures, not unknowns)", async () => {
    const route = ours.find((r) => r.method === "GET" && r.path === "/api/overview");
    if (!route) throw new Error("no overview route");
    const body = (await (await call(route, { role: "viewer", query: "?range=1h" })).json()) as {
      source: string;
      stale: boolean;
      startups: { now: { value: number | null } };
    };
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

  // Checked before the permission, so even an admin is refused; nothing is written.
  it.each(writes.map((r) => [`${r.method} ${r.path}`, r] as const))(
    "cross-site and non-JSON writes are refused (403, 415): %s",
    async (_name, route) => {
      for (const origin of ["https://evil.example", null]) {
        const res = await call(route, { role: "admin", origin, body: route.body ? "{}" : undefined });
        expect(res.status, String(origin)).toBe(403);
        expect(((await res.clone().json()) as { error: string }).error).toBe("cross_origin");
        await expectAnswerDocumented(route, res);
      }
      const form = await call(route, { role: "admin", body: "a=1", contentType: "application/x-www-form-urlencoded" });
      expect(form.status).toBe(415);
      await expectAnswerDocumented(route, form);
    },
  );
});

describe("malformed input is a documented 4xx naming the field, never a 5xx", () => {
  const withParams = ours.filter((r) => r.params);
  it.each(withParams.map((r) => [`${r.method} ${r.path}`, r] as const))(
    "bad path parameters: %s",
    async (_name, route) => {
      const bad = Object.fromEntries(Object.keys(paramsOf(route)).map((k) => [k, "Not An Id/../%00"]));
      const res = await call(route, { role: "admin", params: bad, body: route.body ? "{}" : undefined });
      await expectAnswerDocumented(route, res);
      if ("public" in route.access) {
        expect(res.status).toBe(404);
        return;
      }
      expect(res.status).toBe(400);
      const body = (await (
        await call(route, { role: "admin", params: bad, body: route.body ? "{}" : undefined })
      ).json()) as { issues?: { field: string }[] };
      expect(body.issues?.map((i) => i.field)).toContain(Object.keys(bad)[0]);
    },
  );

  const withBody = ours.filter((r) => r.body);
  it.each(withBody.map((r) => [`${r.method} ${r.path}`, r] as const))("bodies: %s", async (_name, route) => {
    for (const body of [
      '{"zzUnknownField": true}',
      "{not json",
      "[1,2,3]",
      JSON.stringify({ note: "x".repeat(70_000) }),
    ]) {
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
    ["/api/events", "?revision=Backend%2F..%2F00042"],
    ["/api/events", "?revision=%F0%9F%92%A5"],
    ["/api/changes", "?kind=reboot"],
    ["/api/changes", "?resource=..%2Fetc"],
    ["/api/changes", "?range=2d"],
    ["/api/tracker/history", "?limit=abc"],
    ["/api/tracker/report", "?format=pdf"],
    ["/api/readiness", "?demoAt=tomorrow"],
    ["/api/probes/{name}/history", "?range=custom&from=2025-01-01T00:00:00Z"],
    ["/api/slo", "?service=no-such-service"],
    ["/api/slo", "?service=backend&service=backend"],
    ["/api/slo", "?zzUnknown=1"],
    ["/api/slo/export", "?zzUnknown=1"],
    ["/api/slo/openslo", "?zzUnknown=1"],
    ["/api/slo/openslo", "?format=json"],
    ["/api/sessions", "?username="],
    ["/api/sessions", "?zzUnknown=1"],
    ["/api/stream", "?lastEventId=abc"],
    ["/api/stream", "?zzUnknown=1"],
  ])("bad query: %s%s", async (p, query) => {
    const route = ours.find((r) => r.method === "GET" && r.path === p);
    if (!route) throw new Error(`no route ${p}`);
    const res = await call(route, { role: "admin", query });
    expect(res.status).toBe(400);
    await expectAnswerDocumented(route, res);
  });

  it("a malformed Last-Event-ID header is a 400 naming the header", async () => {
    const route = ours.find((r) => r.path === "/api/stream");
    if (!route) throw new Error("no stream route");
    for (const bad of ["-1", "1e3", "x", "1".repeat(16)]) {
      const req = new NextRequest(`${ORIGIN}/api/stream`, {
        headers: { cookie: await cookieOf("viewer"), "last-event-id": bad },
      });
      const res = await (await handlerOf(route))(req, { params: Promise.resolve({}) });
      expect(res.status, bad).toBe(400);
      const body = (await res.json()) as { issues?: { field: string }[] };
      expect(body.issues?.map((i) => i.field)).toEqual(["Last-Event-ID"]);
    }
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
    const action = await send(
      "POST",
      "/api/tracker/phases/{phaseId}/actions",
      { role: "engineer", body: JSON.stringify({ title: "Size the connector up", owner: "infra" }) },
      201,
    );
    const actionId = String(action?.id);
    const edited = await send(
      "PATCH",
      "/api/tracker/phases/{phaseId}/actions/{actionId}",
      { role: "engineer", params: { actionId }, body: JSON.stringify({ version: action?.version, status: "done" }) },
      200,
    );
    // The same stale version again: a documented 409 carrying the current state.
    const stale = await send(
      "PATCH",
      "/api/tracker/phases/{phaseId}/actions/{actionId}",
      { role: "engineer", params: { actionId }, body: JSON.stringify({ version: action?.version, status: "todo" }) },
      409,
    );
    expect(stale).toMatchObject({ error: "stale_version", current: { id: actionId, version: edited?.version } });
    await send(
      "DELETE",
      "/api/tracker/phases/{phaseId}/actions/{actionId}",
      { role: "engineer", params: { actionId }, query: `?version=${String(edited?.version)}` },
      204,
    );
    await send(
      "PATCH",
      "/api/tracker/phases/{phaseId}",
      { role: "admin", params: { phaseId: "validation" }, body: JSON.stringify({ version: 1, status: "held" }) },
      200,
    );
    const unknown = await send(
      "POST",
      "/api/tracker/conflicts/{conflictId}",
      { role: "engineer", body: JSON.stringify({ keep: "store" }) },
      404,
    );
    expect(unknown).toEqual({
      error: "not_found",
      message: expect.stringMatching(/^There is no conflict "/) as unknown,
    });
  });

  it("share links: create, list, revoke; the public route then says revoked (410)", async () => {
    const created = await send(
      "POST",
      "/api/readiness/share-links",
      { role: "engineer", body: JSON.stringify({ expiresInSeconds: 600, note: "for sales" }) },
      201,
    );
    const link = created?.link as { id: string; path: string };
    await send("GET", "/api/readiness/share-links", { role: "engineer" }, 200);
    await send("DELETE", "/api/readiness/share-links/{id}", { role: "engineer", params: { id: link.id } }, 200);
    const token = link.path.split("/").pop() ?? "";
    await send("GET", "/api/share/{token}", { params: { token } }, 410);
  });

  it("overview: an ETag per role, and a 304 with no body for an unchanged answer", async () => {
    const route = API_ROUTES.find((r) => r.method === "GET" && r.path === "/api/overview");
    if (!route) throw new Error("no overview route");
    const query = "?range=1h";
    // The answer may move between two calls (a minute boundary, a new probe state): then a new tag and a body.
    let revalidated: Response | null = null;
    let etag = "";
    for (let i = 0; i < 3 && revalidated?.status !== 304; i++) {
      const first = await call(route, { role: "viewer", query });
      expect(first.status).toBe(200);
      etag = first.headers.get("etag") ?? "";
      expect(etag).toMatch(/^W\//);
      revalidated = await call(route, { role: "viewer", query, headers: { "if-none-match": etag } });
    }
    expect(revalidated?.status).toBe(304);
    expect(await revalidated?.text()).toBe("");
    const engineer = await call(route, { role: "engineer", query, headers: { "if-none-match": etag } });
    expect(engineer.status).toBe(200);
    expect(engineer.headers.get("etag")).not.toBe(etag);
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

  it("what-if: more at once than the workers and their queue hold is a documented 429 with Retry-After", async () => {
    const r = route("POST", "/api/what-if");
    // Distinct scenarios (no cached answer), each long enough (200 seeds) that the queue fills before it drains.
    const body = (i: number) =>
      JSON.stringify({
        services: [{ name: "backend", instances: 3, poolSize: 5, dbTimeoutSeconds: 8 + i }],
        connector: { machineType: "e2-micro", minInstances: 2, maxInstances: 3 },
        database: { maxConnections: 100 },
        seeds: 200,
      });
    const answers = await Promise.all(
      Array.from({ length: WHAT_IF_QUEUE + os.availableParallelism() + 2 }, (_, i) =>
        call(r, { role: "viewer", body: body(i) }),
      ),
    );
    const busy = answers.filter((a) => a.status === 429);
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(WHAT_IF_QUEUE);
    expect(busy.length).toBeGreaterThan(0);
    expect(Number(busy[0]?.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    if (busy[0]) await expectAnswerDocumented(r, busy[0]);
  });

  it("run now and re-check against the emulator's loopback targets; a second press is a documented 429", async () => {
    const run = await send("POST", "/api/probes/{name}/run", { role: "engineer" }, 200);
    expect((run?.result as { probe: string }).probe).toBe("backend-health");
    await send("POST", "/api/probes/{name}/run", { role: "engineer" }, 429);
    const recheck = await send("POST", "/api/readiness/recheck", { role: "viewer" }, 200);
    expect(recheck?.recheck).toBeDefined();
    await send("POST", "/api/readiness/recheck", { role: "viewer" }, 429);
  });

  it("sessions: an admin lists them and ends one; ending it again is a documented 404", async () => {
    await cookieOf("engineer");
    const list = await send("GET", "/api/sessions", { role: "admin", query: "?username=engineer" }, 200);
    const sessions = list?.sessions as { id: string; username: string; state: string }[];
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.every((x) => x.username === "engineer")).toBe(true);
    const id = sessions[0]?.id ?? "";
    await send("DELETE", "/api/sessions/{id}", { role: "admin", params: { id } }, 200);
    await send("DELETE", "/api/sessions/{id}", { role: "admin", params: { id } }, 404);
    cookies.delete("engineer");
    await send("GET", "/api/sessions", { role: "admin", query: "?username=" }, 400);
  });

  it("SLO export: the plan, then creating it in the emulator's Cloud Monitoring twice (created, then exists)", async () => {
    const plan = await send("GET", "/api/slo/export", { role: "viewer" }, 200);
    expect((plan?.services as unknown[]).length).toBeGreaterThan(0);
    await send("GET", "/api/slo/export", { role: "viewer", query: "?format=yaml" }, 400);
    const openslo = await call(route("GET", "/api/slo/openslo"), { role: "viewer", query: "" });
    expect(openslo.status).toBe(200);
    expect(openslo.headers.get("content-disposition")).toBe('attachment; filename="stagewatch-slos.openslo.yaml"');
    expect(await openslo.text()).toMatch(/^apiVersion: openslo\/v1\nkind: Service\n/);
    const first = await send("POST", "/api/slo/export", { role: "engineer" }, 200);
    const second = await send("POST", "/api/slo/export", { role: "engineer", body: "{}" }, 200);
    expect((first?.actions as { action: string }[]).map((a) => a.action)).toContain("created");
    expect((second?.actions as { action: string }[]).every((a) => a.action === "exists")).toBe(true);
  });

  it("the public share API answers a documented 429 with Retry-After once an address spends its limit", async () => {
    const r = route("GET", "/api/share/{token}");
    let last: Response | undefined;
    for (let i = 0; i < 70; i++) {
      last = await call(r, { query: "", params: { token: "not-a-share-token" } });
      if (last.status === 429) break;
      await last.body?.cancel();
    }
    if (!last) throw new Error("no answer");
    expect(last.status).toBe(429);
    expect(Number(last.headers.get("retry-after"))).toBeGreaterThan(0);
    await expectAnswerDocumented(r, last);
  });
});

describe("the routes with answers of their own", () => {
  const route = (p: string) => {
    const r = ours.find((x) => x.method === "GET" && x.path === p);
    if (!r) throw new Error(`no route ${p}`);
    return r;
  };

  it("GET /api/ready: a documented 503 or 200 while the election starts, then 200 with every check ok", async () => {
    const r = route("/api/ready");
    let res = await call(r);
    for (let i = 0; i < 50 && res.status !== 200; i++) {
      await expectAnswerDocumented(r, res);
      await new Promise((done) => setTimeout(done, 100));
      res = await call(r);
    }
    expect(res.status).toBe(200);
    const body = (await res.clone().json()) as { checks: unknown; role: string };
    expect(body.checks).toEqual({ store: "ok", config: "ok" });
    expect(["leader", "follower"]).toContain(body.role);
    await expectAnswerDocumented(r, res);
  });

  it("GET /api/rehearsals/{id}/screenshots/{kind}: a stored screenshot is the PNG; a kind the run lacks is a documented 404", async () => {
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
    const run = await saveRun((await getStore()).db, rehearsalDir(), {
      probe: "demo-rehearsal",
      status: "failed",
      startedAt: new Date().toISOString(),
      durationMs: 1200,
      steps: [
        { index: 1, label: "Open", action: "goto /", status: "failed", startMs: 0, durationMs: 1200, error: "timeout" },
      ],
      failedStep: 1,
      error: "Step 1 timed out",
      screenshots: [{ kind: "failure", png }],
    });
    const r = route("/api/rehearsals/{id}/screenshots/{kind}");
    const res = await call(r, { role: "viewer", params: { id: run.id, kind: "failure" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await res.clone().arrayBuffer())).toEqual(png);
    await expectAnswerDocumented(r, res);
    const missing = await call(r, { role: "viewer", params: { id: run.id, kind: "end" } });
    expect(missing.status).toBe(404);
    await expectAnswerDocumented(r, missing);
  });
});

describe("next-auth's POST: our own answers in front of it are documented", () => {
  const auth = API_ROUTES.find((r) => r.method === "POST" && r.path === "/api/auth/{nextauth}");
  const post = async (nextauth: string[], body: string, type: string) => {
    if (!auth) throw new Error("no next-auth POST route");
    const req = new NextRequest(`${ORIGIN}/api/auth/${nextauth.join("/")}`, {
      method: "POST",
      headers: { "content-type": type, origin: ORIGIN },
      body,
    });
    const handler = (await handlerOf(auth)) as unknown as (
      r: NextRequest,
      c: { params: Promise<{ nextauth: string[] }> },
    ) => Promise<Response>;
    return handler(req, { params: Promise.resolve({ nextauth }) });
  };

  it("an unreadable JSON body is a documented 400, not next-auth's 500", async () => {
    if (!auth) throw new Error("no next-auth POST route");
    const res = await post(["callback", "credentials"], "{not json", "application/json");
    expect(res.status).toBe(400);
    await expectAnswerDocumented(auth, res);
  });

  it("an account whose sign-in attempts are spent gets a documented 429 with Retry-After", async () => {
    if (!auth) throw new Error("no next-auth POST route");
    // next-auth itself needs Next's request scope (cookies()), so the wrong passwords are spent
    // on the limiter directly; the throttle refuses before next-auth runs.
    await (await getLimiters()).signInAccount.consume("contract-nobody", LIMITS.signInAccount.points);
    const res = await post(
      ["callback", "credentials"],
      "username=contract-nobody&password=wrong-password&csrfToken=x",
      "application/x-www-form-urlencoded",
    );
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    await expectAnswerDocumented(auth, res);
  });
});

// Last: it switches the emulator's scenario, which rewrites its recent history.
describe("GET /api/changes: who made a change is for engineers and admins only", () => {
  it("gives engineers and admins the principal's email and viewers none", async () => {
    // The recovery starts now: the connector resize by a named engineer is two minutes old.
    emulator.state.setScenario("recovering");
    const route = ours.find((r) => r.method === "GET" && r.path === "/api/changes");
    if (!route) throw new Error("no route /api/changes");
    const bodies = new Map<Role, { changes: { actor: string | null; kind: string }[]; actorsShown: boolean }>();
    // A range of its own: a live preset's answer may already be in the shared cache from before the switch.
    const to = new Date();
    const from = new Date(to.getTime() - 47 * 60_000);
    const query = `?range=custom&from=${from.toISOString()}&to=${to.toISOString()}&kind=connector`;
    for (const role of ["viewer", "engineer", "admin"] as const) {
      const res = await call(route, { role, query });
      expect(res.status).toBe(200);
      const copy = res.clone();
      await expectAnswerDocumented(route, res);
      bodies.set(role, (await copy.json()) as never);
    }
    const viewer = bodies.get("viewer");
    expect(viewer?.changes.length).toBeGreaterThan(0);
    expect(viewer?.actorsShown).toBe(false);
    expect(viewer?.changes.every((c) => c.actor === null)).toBe(true);
    expect(JSON.stringify(viewer)).not.toMatch(/@/);
    for (const role of ["engineer", "admin"] as const) {
      expect(bodies.get(role)?.actorsShown).toBe(true);
      expect(bodies.get(role)?.changes.map((c) => c.actor)).toContain("maria.keller@example.com");
    }
  });
});

describe("the tracker links an action to the change that carried it out", () => {
  const route = (method: RouteContract["method"], p: string) => {
    const r = ours.find((x) => x.method === method && x.path === p);
    if (!r) throw new Error(`no route ${method} ${p}`);
    return r;
  };
  const LINKS = "/api/tracker/phases/{phaseId}/actions/{actionId}/changes";

  it("engineers link the connector resize (once, however often), everyone sees it without an email, then unlink", async () => {
    emulator.state.setScenario("recovering");
    const to = new Date();
    const from = new Date(to.getTime() - 46 * 60_000);
    const listed = await call(route("GET", "/api/changes"), {
      role: "engineer",
      query: `?range=custom&from=${from.toISOString()}&to=${to.toISOString()}&kind=connector`,
    });
    const listedBody = (await listed.json()) as { changes: { id: string; startedAt: string; outcome: string }[] };
    // The resize takes 95 s: it may still be running when the range ends.
    const resize = listedBody.changes.find((c) => c.outcome !== "failed");
    if (!resize) throw new Error(`no connector resize in the recovery: ${listed.status} ${JSON.stringify(listedBody)}`);
    const created = await call(route("POST", "/api/tracker/phases/{phaseId}/actions"), {
      role: "engineer",
      body: JSON.stringify({ title: "Resize the connector", owner: "infra" }),
    });
    const actionId = String(((await created.json()) as { id: string }).id);
    const body = JSON.stringify({ changeId: resize.id, startedAt: resize.startedAt });
    for (const status of [201, 201]) {
      const res = await call(route("POST", LINKS), { role: "engineer", params: { actionId }, body });
      expect(res.status).toBe(status);
      await expectAnswerDocumented(route("POST", LINKS), res);
    }
    // A change that did not start then is not linked (the audit log is read again, not trusted).
    const wrong = await call(route("POST", LINKS), {
      role: "engineer",
      params: { actionId },
      body: JSON.stringify({
        changeId: resize.id,
        startedAt: new Date(Date.parse(resize.startedAt) - 3_600_000).toISOString(),
      }),
    });
    expect(wrong.status).toBe(404);
    expect(((await wrong.clone().json()) as { message: string }).message).toMatch(/^changeId: /);
    await expectAnswerDocumented(route("POST", LINKS), wrong);
    const viewerRes = await call(route("POST", LINKS), { role: "viewer", params: { actionId }, body });
    expect(viewerRes.status).toBe(403);

    const tracker = await call(route("GET", "/api/tracker"), { role: "viewer" });
    const view = (await tracker.json()) as { changeLinks: { actionId: string; changeId: string; summary: string }[] };
    const mine = view.changeLinks.filter((l) => l.actionId === actionId);
    expect(mine.map((l) => l.changeId)).toEqual([resize.id]);
    expect(mine[0]?.summary).toMatch(/Connector staging-connector updated to e2-standard-4/);
    expect(JSON.stringify(view.changeLinks)).not.toContain("maria.keller@example.com");

    const unlink = {
      role: "engineer" as const,
      params: { actionId },
      query: `?changeId=${encodeURIComponent(resize.id)}`,
    };
    expect((await call(route("DELETE", LINKS), unlink)).status).toBe(204);
    const again = await call(route("DELETE", LINKS), unlink);
    expect(again.status).toBe(404);
    await expectAnswerDocumented(route("DELETE", LINKS), again);
  });
});
