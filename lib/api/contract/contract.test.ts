import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";
import fs from "node:fs";
import { API_ROUTES } from "./registry";
import { isPublicPath } from "@/lib/auth/public-paths";
import { PUBLIC_ROUTES } from "@/lib/auth/roles";
import { accessOf, ROUTE_ACCESS } from "@/lib/auth/route-access";
import {
  asksPermissionDirectly,
  exportedMethods,
  guardedMethods,
  openApiPathOf,
  servedOperations,
} from "./route-files";

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

describe("each route's permission is declared once (lib/auth/route-access.ts) and the handler enforces that one", () => {
  it.each(served.map((s) => [s.operation, s.file]))("%s", (operation, file) => {
    const [method = "", path_ = ""] = operation.split(" ");
    const source = fs.readFileSync(file, "utf8");
    const declared = accessOf(method, path_);
    expect(declared, "declare the operation's access in ROUTE_ACCESS (lib/auth/route-access.ts)").toBeDefined();
    // A permission written in the handler would be a second declaration that can drift.
    expect(asksPermissionDirectly(source), "wrap with withAccess(<its operation>, …), not withAuth").toBe(false);
    // When the guard's call shape changes, teach guardedMethods (./route-files.ts) the new one.
    const named = guardedMethods(source)[method];
    if (typeof declared === "string") expect(named, "the operation the handler's withAccess names").toBe(operation);
    else expect(named, "a public route must not be wrapped with a permission").toBeUndefined();
  });

  it("declares nothing that no route file serves", () => {
    const servedOps = new Set(served.map((s) => s.operation));
    expect(
      Object.keys(ROUTE_ACCESS).filter((op) => !servedOps.has(op)),
      "remove the entry, or the route file is missing",
    ).toEqual([]);
  });

  it("the document's access is the declaration", () => {
    for (const r of API_ROUTES) {
      const declared = accessOf(r.method, r.path);
      expect(r.access, `${r.method} ${r.path}`).toEqual(
        typeof declared === "string" ? { permission: declared } : { public: declared?.public },
      );
    }
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

  it("sees the operation a handler's guard is called with, and a permission written in the handler", () => {
    expect(
      guardedMethods(
        'export const GET = withAccess("GET /api/x", async () => x);\nexport const POST = withAccess<{ id: string }>(\n  "POST /api/x/{id}",\n  h,\n);',
      ),
    ).toEqual({ GET: "GET /api/x", POST: "POST /api/x/{id}" });
    expect(guardedMethods("export async function GET() {}")).toEqual({});
    expect(asksPermissionDirectly('export const GET = withAuth("read", h);')).toBe(true);
    expect(asksPermissionDirectly('export const GET = withAuth<{ id: string }>("read", h);')).toBe(true);
    expect(asksPermissionDirectly('export const GET = withAccess("GET /api/x", h); // not withAuth')).toBe(false);
  });

  it("turns folders into OpenAPI paths", () => {
    expect(openApiPathOf(path.join(APP, "api/probes/[name]/history/route.ts"), APP)).toBe("/api/probes/{name}/history");
    expect(openApiPathOf(path.join(APP, "api/auth/[...nextauth]/route.ts"), APP)).toBe("/api/auth/{nextauth}");
    expect(openApiPathOf(path.join(APP, "api/openapi.json/route.ts"), APP)).toBe("/api/openapi.json");
    expect(openApiPathOf(path.join(APP, "api/(internal)/x/route.ts"), APP)).toBe("/api/x");
  });
});
