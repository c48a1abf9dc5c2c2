import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest, NextResponse } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DELETE as unblockRoute } from "@/app/api/sessions/blocks/[email]/route";
import { DELETE as endSessionRoute } from "@/app/api/sessions/[id]/route";
import { GET as listRoute } from "@/app/api/sessions/route";
import { stubDemoAppEnv, sessionCookie } from "@/lib/api/contract/session-testing";
import { resetEnvForTests } from "@/lib/config/env";
import { reloadStagingConfig } from "@/lib/config/staging-config";
import { getStore } from "@/lib/store/db";
import { startIapKeyServer, TEST_IAP_AUDIENCE, type IapKeyServer } from "@/lib/testing/iap-keys";
import { proxy } from "@/proxy";
import { withAuth } from "./guard";
import { IAP_HEADER } from "./iap";
import { SESSION_RECHECK_MS } from "./session-rules";
import type { SessionView } from "./session-views";

/**
 * IAP identity through the real request path: requests with the header built as IAP sends it
 * (ES256, keys served on loopback), run through proxy.ts's function and through withAuth
 * around the real session routes, with a store in a temporary folder and the config on disk.
 */

const SECRET = "iap-session-test-secret-".padEnd(40, "i");
const ORIGIN = "http://127.0.0.1:3000";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sw-iap-"));
const configFile = path.join(dir, "staging.config.json");
let keys: IapKeyServer;

const ROLES = { "ada@example.com": "admin", "eng@example.com": "engineer" };
function writeAuth(auth: Record<string, unknown>): void {
  const base = JSON.parse(fs.readFileSync("staging.config.json", "utf8")) as Record<string, unknown>;
  fs.writeFileSync(configFile, JSON.stringify({ ...base, auth }));
  reloadStagingConfig();
}
function setEnv(name: string, value: string | undefined): void {
  vi.stubEnv(name, value);
  resetEnvForTests();
}

beforeAll(async () => {
  keys = await startIapKeyServer();
  stubDemoAppEnv(SECRET, ORIGIN, dir);
  vi.stubEnv("STAGEWATCH_CONFIG", configFile);
  vi.stubEnv("IAP_AUDIENCE", TEST_IAP_AUDIENCE);
  vi.stubEnv("IAP_JWKS_URL", keys.url);
  vi.stubEnv("AUTH_ALLOWED_DOMAINS", undefined);
  resetEnvForTests();
  writeAuth({ roles: ROLES });
});
afterAll(async () => {
  await (await getStore()).close().catch(() => undefined);
  await keys.close();
  fs.rmSync(dir, { recursive: true, force: true });
  vi.unstubAllEnvs();
  resetEnvForTests();
});

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const whoami = withAuth<Record<string, string>>("read", async (_req, { user }) => NextResponse.json(user));

async function call(
  handler: Handler,
  o: { path?: string; method?: string; headers?: Record<string, string>; params?: Record<string, string> } = {},
): Promise<Response> {
  const method = o.method ?? "GET";
  const headers: Record<string, string> = { ...o.headers };
  if (method !== "GET") headers.origin = ORIGIN;
  const req = new NextRequest(`${ORIGIN}${o.path ?? "/api/whoami"}`, { method, headers });
  return handler(req, { params: Promise.resolve(o.params ?? {}) });
}
const as = async (email: string) => ({ [IAP_HEADER]: await keys.sign(email) });
const sessionsOf = async (email: string) => {
  const res = await call(listRoute as Handler, { path: "/api/sessions", headers: await as("ada@example.com") });
  const body = (await res.json()) as { sessions: SessionView[]; blocked: { email: string }[] };
  return { ...body, sessions: body.sessions.filter((s) => s.username === email) };
};
const liveIapSession = async (email: string) => {
  const live = (await sessionsOf(email)).sessions.filter((s) => s.provider === "iap" && s.state === "active");
  expect(live).toHaveLength(1);
  return live[0]?.id ?? "";
};
const throughProxy = (pathname: string, headers: Record<string, string>) =>
  proxy(new NextRequest(`${ORIGIN}${pathname}`, { headers }));

describe("a verified IAP header is the identity of its request", () => {
  it.each([
    ["ada@example.com", "admin"],
    ["eng@example.com", "engineer"],
    ["Bob@Example.com", "viewer"],
  ])("%s gets %s from the config, nothing clicked, no cookie", async (email, role) => {
    const res = await call(whoami, { headers: await as(email) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ username: email.toLowerCase(), name: email.toLowerCase(), role, via: "iap" });
  });

  it("passes proxy.ts for pages and API routes", async () => {
    for (const p of ["/", "/api/overview"]) {
      const res = await throughProxy(p, await as("eng@example.com"));
      expect(res.status).toBe(200);
      expect(res.headers.get("x-middleware-next")).toBe("1");
    }
  });

  it("admins' session routes work, and a viewer's role is enforced (403)", async () => {
    expect(
      (await call(listRoute as Handler, { path: "/api/sessions", headers: await as("ada@example.com") })).status,
    ).toBe(200);
    expect(
      (await call(listRoute as Handler, { path: "/api/sessions", headers: await as("bob@example.com") })).status,
    ).toBe(403);
  });

  it("later requests share one listed IAP session per address", async () => {
    for (let i = 0; i < 3; i++) await call(whoami, { headers: await as("eng@example.com") });
    const id = await liveIapSession("eng@example.com");
    expect(id).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });
});

describe("a header that proves nothing signs nobody in", () => {
  const BAD: [string, () => Promise<string>][] = [
    ["signed with a key not in the set", () => keys.sign("ada@example.com", { key: keys.otherKey })],
    ["expired", () => keys.sign("ada@example.com", { exp: Math.floor(Date.now() / 1000) - 120 })],
    ["for another audience", () => keys.sign("ada@example.com", { aud: "/projects/1/global/backendServices/2" })],
    ["from another issuer", () => keys.sign("ada@example.com", { iss: "https://accounts.google.com" })],
    ["unsigned (alg: none)", async () => keys.unsigned("ada@example.com")],
    ["without an email", () => keys.sign(undefined)],
    ["empty", async () => ""],
    ["not a JWT", async () => "not.a.jwt"],
  ];

  it.each(BAD)("%s: 401 from the route wrapper and proxy.ts, /login for a page", async (_name, make) => {
    const headers = { [IAP_HEADER]: await make() };
    expect((await call(whoami, { headers })).status).toBe(401);
    expect((await throughProxy("/api/overview", headers)).status).toBe(401);
    const page = await throughProxy("/tracker", headers);
    expect(page.status).toBe(307);
    const to = new URL(page.headers.get("location") ?? "", ORIGIN);
    expect(`${to.pathname}${to.search}`).toBe("/login?callbackUrl=%2Ftracker");
  });

  it("a bad header is nobody even with a valid session cookie; the cookie alone still works", async () => {
    const cookie = await sessionCookie("admin", SECRET);
    const forged = await keys.sign("ada@example.com", { key: keys.otherKey });
    expect((await call(whoami, { headers: { cookie, [IAP_HEADER]: forged } })).status).toBe(401);
    expect((await throughProxy("/api/overview", { cookie, [IAP_HEADER]: forged })).status).toBe(401);
    const alone = await call(whoami, { headers: { cookie } });
    expect(alone.status).toBe(200);
    expect(await alone.json()).toMatchObject({ username: "admin", role: "admin" });
  });

  it("when IAP is not configured, the header is ignored: it signs nobody in, and refuses nobody", async () => {
    setEnv("IAP_AUDIENCE", undefined);
    try {
      const valid = await as("ada@example.com");
      expect((await call(whoami, { headers: valid })).status).toBe(401);
      expect((await throughProxy("/", valid)).status).toBe(307);
      const cookie = await sessionCookie("engineer", SECRET);
      const forged = { [IAP_HEADER]: await keys.sign("ada@example.com", { key: keys.otherKey }) };
      const res = await call(whoami, { headers: { cookie, ...forged } });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ username: "engineer", role: "engineer" });
    } finally {
      setEnv("IAP_AUDIENCE", TEST_IAP_AUDIENCE);
    }
  });
});

describe("the config decides on every request", () => {
  it("a changed role applies to the next request; with defaultRole none, a removed address is out", async () => {
    try {
      writeAuth({ roles: { ...ROLES, "eng@example.com": "viewer" } });
      expect(await (await call(whoami, { headers: await as("eng@example.com") })).json()).toMatchObject({
        role: "viewer",
      });
      writeAuth({ roles: { "ada@example.com": "admin" }, defaultRole: "none" });
      expect((await call(whoami, { headers: await as("eng@example.com") })).status).toBe(401);
      expect((await call(whoami, { headers: await as("ada@example.com") })).status).toBe(200);
      writeAuth({ roles: ROLES, defaultRole: "engineer" });
      expect(await (await call(whoami, { headers: await as("carol@example.com") })).json()).toMatchObject({
        role: "engineer",
      });
    } finally {
      writeAuth({ roles: ROLES });
    }
  });

  it("AUTH_ALLOWED_DOMAINS still applies", async () => {
    setEnv("AUTH_ALLOWED_DOMAINS", "corp.test");
    try {
      expect((await call(whoami, { headers: await as("ada@example.com") })).status).toBe(401);
      expect((await call(whoami, { headers: await as("zed@corp.test") })).status).toBe(200);
    } finally {
      setEnv("AUTH_ALLOWED_DOMAINS", undefined);
    }
  });
});

describe("ending IAP sessions", () => {
  const admin = () => as("ada@example.com");

  it("an admin ending someone's IAP session shuts the address out until an admin lets it back in", async () => {
    await call(whoami, { headers: await as("eng@example.com") });
    const id = await liveIapSession("eng@example.com");
    const ended = await call(endSessionRoute as Handler, {
      path: `/api/sessions/${id}`,
      method: "DELETE",
      headers: await admin(),
      params: { id },
    });
    expect(ended.status).toBe(200);
    // IAP goes on vouching for the address; the block is what keeps it out.
    expect((await call(whoami, { headers: await as("eng@example.com") })).status).toBe(401);
    expect((await call(whoami, { headers: await as("eng@example.com") })).status).toBe(401);
    expect((await sessionsOf("eng@example.com")).blocked.map((b) => b.email)).toContain("eng@example.com");

    const back = await call(unblockRoute as Handler, {
      path: "/api/sessions/blocks/eng@example.com",
      method: "DELETE",
      headers: await admin(),
      params: { email: "eng@example.com" },
    });
    expect(back.status).toBe(200);
    expect(await back.json()).toEqual({ unblocked: "eng@example.com" });
    expect((await call(whoami, { headers: await as("eng@example.com") })).status).toBe(200);
    const again = await liveIapSession("eng@example.com");
    expect(again).not.toBe(id);
    const states = (await sessionsOf("eng@example.com")).sessions.map((s) => [s.id, s.state]);
    expect(states).toContainEqual([id, "revoked"]);
  });

  it("ending one's own IAP session is a sign-out: the next request starts a new listed session, no block", async () => {
    await call(whoami, { headers: await admin() });
    const id = await liveIapSession("ada@example.com");
    const res = await call(endSessionRoute as Handler, {
      path: `/api/sessions/${id}`,
      method: "DELETE",
      headers: await admin(),
      params: { id },
    });
    expect(res.status).toBe(200);
    expect((await call(whoami, { headers: await admin() })).status).toBe(200);
    const list = await sessionsOf("ada@example.com");
    expect(list.blocked.map((b) => b.email)).not.toContain("ada@example.com");
    expect(await liveIapSession("ada@example.com")).not.toBe(id);
  });

  it("a block written by another replica applies here within 2 s", async () => {
    await call(whoami, { headers: await as("fay@example.com") });
    const id = await liveIapSession("fay@example.com");
    const { db } = await getStore();
    // What revokeSession writes on another replica; this process's look stays cached until it expires.
    const t0 = Date.now();
    await db
      .updateTable("auth_session")
      .set({ revoked_at: t0, revoked_by: "ada@example.com" })
      .where("id", "=", id)
      .execute();
    // Written straight to the store: blockEmail would also drop this process's cached look.
    await db
      .insertInto("auth_block")
      .values({ email: "fay@example.com", blocked_at: t0, blocked_by: "ada@example.com" })
      .execute();
    let elapsed = -1;
    while (Date.now() - t0 < 5_000) {
      if ((await call(whoami, { headers: await as("fay@example.com") })).status === 401) {
        elapsed = Date.now() - t0;
        break;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(elapsed).toBeGreaterThanOrEqual(0);
    expect(elapsed).toBeLessThan(Math.min(2_000, SESSION_RECHECK_MS + 500));
  });

  it("unblocking names a bad address (400), says 404 when it is not shut out, and is admins' only", async () => {
    const del = async (email: string, who: string) =>
      call(unblockRoute as Handler, {
        path: `/api/sessions/blocks/${encodeURIComponent(email)}`,
        method: "DELETE",
        headers: await as(who),
        params: { email },
      });
    const bad = await del("not-an-email", "ada@example.com");
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(/email/);
    const long = await del(`${"a".repeat(250)}@example.com`, "ada@example.com");
    expect(long.status).toBe(400);
    expect((await del("nobody@example.com", "ada@example.com")).status).toBe(404);
    expect((await del("nobody@example.com", "eng@example.com")).status).toBe(403);
  });
});
