import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { PERMISSIONS } from "@/lib/auth/roles";
import { openApiDocument, operationId, SESSION_SCHEME } from "./openapi";
import { API_ROUTES } from "./registry";

const doc = openApiDocument();
type Op = Record<string, unknown> & {
  responses: Record<string, { description?: string }>;
  parameters?: { name: string; in: string; required: boolean }[];
};
const operations = Object.entries(doc.paths).flatMap(([p, item]) =>
  Object.entries(item).map(([method, op]) => ({ path: p, method, op: op as Op })),
);

/** Every `$ref` anywhere in a JSON value, with where it was found. */
function refs(value: unknown, at = "#"): { ref: string; at: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => refs(v, `${at}/${i}`));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) =>
      k === "$ref" && typeof v === "string" ? [{ ref: v, at }] : refs(v, `${at}/${k}`),
    );
  }
  return [];
}

function resolve(pointer: string, root: unknown): unknown {
  if (!pointer.startsWith("#/")) return undefined;
  return pointer
    .slice(2)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>(
      (node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined),
      root,
    );
}

describe("the OpenAPI document is structurally valid", () => {
  it("is OpenAPI 3.1 with the 2020-12 dialect, and survives JSON", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.jsonSchemaDialect).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
    expect(operations).toHaveLength(API_ROUTES.length);
  });

  it("validates against the official OpenAPI 3.1 schema", async () => {
    const result = await new Validator().validate(
      JSON.parse(JSON.stringify(doc)) as Parameters<Validator["validate"]>[0],
    );
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("the official schema check can fail (a document without responses is refused)", async () => {
    const broken = { ...doc, paths: { "/api/x": { get: { operationId: "x", responses: "none" } } } };
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it("every $ref resolves inside the document", () => {
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(0);
    for (const { ref, at } of all) expect(resolve(ref, doc), `${ref} at ${at}`).toBeDefined();
  });

  it("every operation has a unique id, a summary, a success answer and described answers", () => {
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, method, op } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(op.summary, where).toBeTruthy();
      const statuses = Object.keys(op.responses);
      expect(
        statuses.some((s) => /^[23]\d\d$/.test(s)),
        where,
      ).toBe(true);
      for (const s of statuses) expect(op.responses[s]?.description, `${where} ${s}`).toBeTruthy();
      expect(statuses, where).toContain("500");
    }
  });

  it("every operation needs the session unless it says why it is public; protected ones name a known permission and answer 401 and 403", () => {
    for (const { path, method, op } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      if (op["x-public"]) {
        expect(op.security, where).toEqual([]);
        continue;
      }
      expect(op.security, where).toEqual([{ [SESSION_SCHEME]: [] }]);
      expect(PERMISSIONS, where).toContain(op["x-permission"]);
      expect(Object.keys(op.responses), where).toEqual(expect.arrayContaining(["401", "403"]));
    }
    expect(doc.components.securitySchemes[SESSION_SCHEME]).toMatchObject({ type: "apiKey", in: "cookie" });
  });

  it("protected writes document withAuth's cross-site 403 and non-JSON 415; reads do not get a 415", () => {
    for (const { path, method, op } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      const write = !op["x-public"] && method !== "get";
      expect(Object.keys(op.responses).includes("415"), where).toBe(write);
      if (write) expect(op.responses["403"]?.description, where).toMatch(/cross-site|cross_origin/);
    }
  });

  it("every 429 names Retry-After", () => {
    const limited = operations.filter((o) => o.op.responses["429"]);
    expect(limited.map((o) => `${o.method.toUpperCase()} ${o.path}`).sort()).toEqual([
      "GET /api/share/{token}",
      "POST /api/auth/{nextauth}",
      "POST /api/notifications/channels/{channel}/test",
      "POST /api/probes/{name}/run",
      "POST /api/readiness/recheck",
      "POST /api/what-if",
    ]);
    for (const { op } of limited)
      expect(Object.keys((op.responses["429"] as { headers?: object }).headers ?? {})).toContain("Retry-After");
  });

  it("path templates and path parameters match one to one; input means a documented 400", () => {
    for (const { path, method, op } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const params = (op.parameters ?? []).filter((p) => p.in === "path");
      expect(params.map((p) => p.name).sort(), where).toEqual(inPath);
      for (const p of params) expect(p.required, `${where} ${p.name}`).toBe(true);
      if (op.parameters?.length || op.requestBody) expect(Object.keys(op.responses), where).toContain("400");
    }
  });

  it("describes inputs from the handlers' own schemas (spot checks)", () => {
    const events = doc.paths["/api/events"]?.get as Op;
    expect(events.parameters?.map((p) => p.name)).toEqual([
      "range",
      "from",
      "to",
      "service",
      "revision",
      "cause",
      "page",
      "pageSize",
    ]);
    const create = doc.paths["/api/tracker/phases/{phaseId}/actions"]?.post as {
      requestBody: { content: Record<string, { schema: { required: string[]; additionalProperties: boolean } }> };
    };
    // Defaults are optional for the client; strict objects refuse unknown fields.
    expect(create.requestBody.content["application/json"]?.schema).toMatchObject({
      required: ["title", "owner"],
      additionalProperties: false,
    });
    // An empty body is fine where the handler's schema accepts none.
    expect((doc.paths["/api/slo/export"]?.post as { requestBody: { required: boolean } }).requestBody.required).toBe(
      false,
    );
    expect(
      (doc.paths["/api/readiness/recheck"]?.post as { requestBody: { required: boolean } }).requestBody.required,
    ).toBe(false);
    expect(create.requestBody).toMatchObject({ required: true });
    const report = doc.paths["/api/tracker/report"]?.get as {
      responses: Record<string, { content: Record<string, unknown> }>;
    };
    expect(Object.keys(report.responses["200"]?.content ?? {}).sort()).toEqual(["application/json", "text/markdown"]);
  });
});

describe("operation ids", () => {
  it("come from the method and the path", () => {
    const r = {
      method: "GET",
      path: "/api/probes/{name}/history",
      tag: "t",
      summary: "s",
      access: { permission: "read" },
      responses: {},
    } as const;
    expect(operationId(r)).toBe("getProbesNameHistory");
    expect(operationId({ ...r, method: "POST", path: "/api/what-if" })).toBe("postWhatIf");
  });

  it("a schema that would not be valid JSON Schema is not silently emitted as `{}` for a body", () => {
    // Every request body has a type or a combinator: an empty schema would accept anything.
    for (const { path, method, op } of operations) {
      const body = (op.requestBody as { content: Record<string, { schema: Record<string, unknown> }> } | undefined)
        ?.content["application/json"]?.schema;
      if (body) expect(Object.keys(body).length, `${method} ${path}`).toBeGreaterThan(0);
    }
    expect(z.toJSONSchema(z.string())).toMatchObject({ type: "string" });
  });
});
