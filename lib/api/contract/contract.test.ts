import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";
import fs from "node:fs";
import { API_ROUTES } from "./registry";
import { isPublicPath } from "@/lib/auth/public-paths";
import { PUBLIC_ROUTES } from "@/lib/auth/roles";
import { exportedMethods, guardedMethods, openApiPathOf, servedOperations } from "./route-files";

const APP = path.resolve("app");
const served = servedOperations(APP);
const doc = openApiDocument();
const documented = Object.entries(doc.paths).flatMap(([p, item]) =>
  Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`),
);

describe("every route under app/api is in the OpenAPI document, and nothing else is", () => {
  it("finds the route files (the scan itself works)", () => {
    expect(served.length).toBeGreaterThan(25);
    expect(served.map((s) => s.operation)).toContain("GET /api/probes/{name}");
  });

  it.each(served.map((s) => [s.operation, path.relative(process.cwd(), s.file)]))(
    "%s (%s) is documented",
    (operation) => {
      expect(
        documented,
        "add an entry to lib/api/contract/routes/<domain>.ts (permission, input schemas, response schemas)",
      ).toContain(operation);
    },
  );

  it("documents no operation that no route file serves", () => {
    const servedOps = new Set(served.map((s) => s.operation));
    expect(
      documented.filter((op) => !servedOps.has(op)),
      "remove the entry, or the route file is missing",
    ).toEqual([]);
  });
});

describe("the document's permissions are the ones the handlers ask for", () => {
  it.each(served.map((s) => [s.operation, s.file]))("%s", (operation, file) => {
    const [method = "", path_ = ""] = operation.split(" ");
    const route = API_ROUTES.find((r) => r.method === method && r.path === path_);
    const asked = guardedMethods(fs.readFileSync(file, "utf8"))[method];
    if (route && "public" in route.access)
      expect(asked, "a public route must not be wrapped with a permission").toBeUndefined();
    // When the guard's call shape changes, teach guardedMethods (./route-files.ts) the new one.
    else
      expect(asked, "the handler's permission (withAuth's first argument)").toBe(
        route && "permission" in route.access ? route.access.permission : "(not registered)",
      );
  });
});

describe("public in the document means public in the app, and the other way round", () => {
  it("every public operation is reachable without a session (proxy.ts's isPublicPath); no protected one is", () => {
    for (const r of API_ROUTES) {
      const concrete = r.path.replace(/\{[^}]+\}/g, "x");
      expect(isPublicPath(concrete), `${r.method} ${r.path}`).toBe("public" in r.access);
    }
  });

  it("every route of PUBLIC_ROUTES (lib/auth/roles.ts) is documented public, with its reason", () => {
    for (const [p, reason] of Object.entries(PUBLIC_ROUTES)) {
      const ops = API_ROUTES.filter((r) => r.path === p);
      expect(ops.length, p).toBeGreaterThan(0);
      for (const r of ops) expect(r.access, `${r.method} ${p}`).toEqual({ public: reason });
    }
  });
});

describe("reading a route file's methods and path", () => {
  it("sees the ways a handler is exported", () => {
    expect(exportedMethods("export const GET = withAuth('read', async () => x);")).toEqual(["GET"]);
    expect(exportedMethods("export async function POST(req) {}\nexport function DELETE() {}")).toEqual([
      "DELETE",
      "POST",
    ]);
    expect(exportedMethods("function handler() {}\nexport { handler as GET, handler as POST };")).toEqual([
      "GET",
      "POST",
    ]);
    expect(exportedMethods("export { PATCH } from './x';")).toEqual(["PATCH"]);
    // Not handlers: other exports, and methods only mentioned in comments or strings.
    expect(exportedMethods('export const runtime = "nodejs";\n// GET /api/x\nconst GETTER = 1;')).toEqual([]);
  });

  it("sees the permission a handler's wrapper is called with", () => {
    expect(
      guardedMethods(
        'export const GET = withAuth("read", async () => x);\nexport const POST = withAuth<{ id: string }>("share:create", h);',
      ),
    ).toEqual({
      GET: "read",
      POST: "share:create",
    });
    expect(guardedMethods("export async function GET() {}")).toEqual({});
  });

  it("turns folders into OpenAPI paths", () => {
    expect(openApiPathOf(path.join(APP, "api/probes/[name]/history/route.ts"), APP)).toBe("/api/probes/{name}/history");
    expect(openApiPathOf(path.join(APP, "api/auth/[...nextauth]/route.ts"), APP)).toBe("/api/auth/{nextauth}");
    expect(openApiPathOf(path.join(APP, "api/openapi.json/route.ts"), APP)).toBe("/api/openapi.json");
    expect(openApiPathOf(path.join(APP, "api/(internal)/x/route.ts"), APP)).toBe("/api/x");
  });
});
