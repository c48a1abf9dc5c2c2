import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { stubDemoAppEnv, sessionCookie } from "@/lib/api/contract/session-testing";
import type { Role } from "@/lib/auth/roles";
import { getStore } from "@/lib/store/db";

/**
 * The maintenance routes as Next calls them, on a store in a temporary folder: who may do
 * what, and malformed input answered with a 400 naming the field (never a 5xx).
 */

const SECRET = "maintenance-route-test-secret-".padEnd(40, "m");
const ORIGIN = "http://127.0.0.1:3000";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sw-maint-routes-"));

beforeAll(() => {
  stubDemoAppEnv(SECRET, ORIGIN, dir);
});
afterAll(async () => {
  await (await getStore()).close().catch(() => undefined);
  fs.rmSync(dir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

async function request(method: "GET" | "POST", url: string, role: Role | null, body?: string) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (role) headers.cookie = await sessionCookie(role, SECRET);
  if (method !== "GET") headers.origin = ORIGIN;
  if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
  return new NextRequest(`${ORIGIN}${url}`, { method, headers, ...(body !== undefined ? { body } : {}) });
}

const list = async (role: Role | null) =>
  (await import("./route")).GET(await request("GET", "/api/maintenance", role), { params: Promise.resolve({}) });
const start = async (role: Role | null, body: unknown) =>
  (await import("./route")).POST(await request("POST", "/api/maintenance", role, JSON.stringify(body)), {
    params: Promise.resolve({}),
  });
const end = async (role: Role | null, id: string) =>
  (await import("./[id]/end/route")).POST(await request("POST", `/api/maintenance/${id}/end`, role), {
    params: Promise.resolve({ id }),
  });

const ok = { scope: "probe:backend-health", duration: "30m", reason: "Connector migration" };

describe("maintenance routes", () => {
  it("an engineer starts and ends one; everyone sees it and its history", async () => {
    const made = await start("engineer", ok);
    expect(made.status).toBe(201);
    const { window } = (await made.json()) as { window: { id: string; createdBy: string; scope: string } };
    expect(window).toMatchObject({ scope: "probe:backend-health", createdBy: "engineer" });

    const seen = (await (await list("viewer")).json()) as { running: { id: string }[]; history: { change: string }[] };
    expect(seen.running.map((w) => w.id)).toContain(window.id);
    expect(seen.history.map((h) => h.change)).toContain("created");

    expect((await end("viewer", window.id)).status).toBe(403);
    expect((await end("engineer", window.id)).status).toBe(200);
    expect((await end("admin", window.id)).status).toBe(409);
    const after = (await (await list("viewer")).json()) as { running: unknown[]; recent: { id: string }[] };
    expect(after.running).toEqual([]);
    expect(after.recent.map((w) => w.id)).toContain(window.id);
  });

  it("a viewer cannot start one, and nobody without a session", async () => {
    expect((await start("viewer", ok)).status).toBe(403);
    expect((await start(null, ok)).status).toBe(401);
    expect((await list(null)).status).toBe(401);
  });

  it.each([
    [{ ...ok, duration: "half an hour" }, "duration"],
    [{ ...ok, duration: "0m" }, "duration"],
    [{ ...ok, duration: 30 }, "duration"],
    [{ ...ok, scope: "database" }, "scope"],
    [{ ...ok, scope: "probe:no-such-probe" }, "scope"],
    [{ ...ok, scope: "service:Backend" }, "scope"],
    [{ ...ok, reason: "r".repeat(201) }, "reason"],
    [{ ...ok, reason: "fine\nBcc: everyone@example.com" }, "reason"],
    [{ ...ok, reason: "tab\there" }, "reason"],
    [{ ...ok, reason: "" }, "reason"],
    [{ ...ok, startsAt: "tomorrow" }, "startsAt"],
    [{ ...ok, startsAt: "2020-01-01T00:00:00Z" }, "startsAt"],
  ])("refuses %j with a 400 naming %s", async (body, field) => {
    const res = await start("engineer", body);
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { message: string; issues: { field: string }[] };
    expect(answer.issues[0]?.field).toBe(field);
    expect(answer.message.startsWith(`${field}:`)).toBe(true);
  });

  it("a malformed id is a 400 naming it; an unknown one a 404", async () => {
    const bad = await end("engineer", "../etc");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/^id:/);
    expect((await end("engineer", "00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });
});
