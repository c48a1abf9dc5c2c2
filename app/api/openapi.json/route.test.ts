import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, describe, expect, it, vi } from "vitest";
import { openApiDocument } from "@/lib/api/contract/openapi";
import { DEMO_ENV, sessionCookie as storeSession } from "@/lib/api/contract/session-testing";
import { expectDocumented } from "@/lib/api/contract/testing";
import { ROLES, type Role } from "@/lib/auth/roles";
import { getStore } from "@/lib/store/db";
import { GET } from "./route";

/** GET /api/openapi.json through its real handler: any signed-in role reads it; nobody else does. */

const SECRET = "openapi-route-test-secret-".padEnd(40, "s");
// withAuth wants a live session row: a store in a temporary folder, and demo users to own the sessions.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sw-openapi-route-"));
vi.stubEnv("NEXTAUTH_SECRET", SECRET);
vi.stubEnv("STAGEWATCH_DATA_DIR", dir);
vi.stubEnv("STAGEWATCH_DATABASE_URL", undefined);
for (const [name, value] of Object.entries(DEMO_ENV)) vi.stubEnv(name, value);
afterAll(async () => {
  await (await getStore()).close();
  fs.rmSync(dir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

const URL_ = "http://127.0.0.1:3000/api/openapi.json";
const call = (headers: Record<string, string> = {}, url = URL_) => GET(new NextRequest(url, { headers }), { params: Promise.resolve({}) });
const sessionCookie = (role: Role) => storeSession(role, SECRET);

describe("GET /api/openapi.json", () => {
  it.each(ROLES)("is readable by a signed-in %s, and is the generated document", async (role) => {
    const res = await call({ cookie: await sessionCookie(role) });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const body: unknown = await res.json();
    expectDocumented("GET", "/api/openapi.json", body);
    expect(body).toEqual(JSON.parse(JSON.stringify(openApiDocument(undefined, (body as { info: { version: string } }).info.version))));
  });

  it("answers 401 with the shared error body without a session", async () => {
    const res = await call();
    expect(res.status).toBe(401);
    expectDocumented("GET", "/api/openapi.json", await res.json(), 401);
  });

  it.each([
    ["a cookie that is not a token", "next-auth.session-token=not-a-jwt"],
    ["a token signed with another secret", "next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..x.y.z"],
    ["a cookie with bad percent-encoding", "next-auth.session-token=%E0%A4%A"],
  ])("answers 401, never 500, for %s", async (_what, cookie) => {
    const res = await call({ cookie });
    expect(res.status).toBe(401);
    expectDocumented("GET", "/api/openapi.json", await res.json(), 401);
  });

  it("answers 401 for a correctly signed token whose session is not in the store (ended, or never started)", async () => {
    const { encode } = await import("next-auth/jwt");
    for (const sid of [undefined, "AAAAAAAAAAAAAAAAAAAAAAAA"]) {
      const token = await encode({ token: { sub: "admin", name: "admin", username: "admin", role: "admin", ...(sid ? { sid } : {}) }, secret: SECRET });
      const res = await call({ cookie: `next-auth.session-token=${token}` });
      expect(res.status, String(sid)).toBe(401);
      expectDocumented("GET", "/api/openapi.json", await res.json(), 401);
    }
  });

  it("ignores a query string (there is nothing to parse) rather than failing", async () => {
    const res = await call({ cookie: await sessionCookie("viewer") }, `${URL_}?format=%ZZ&x[]=1`);
    expect(res.status).toBe(200);
  });
});
