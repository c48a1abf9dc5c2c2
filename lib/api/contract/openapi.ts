import { z } from "zod";
import { apiErrorSchema } from "./errors";
import { API_ROUTES } from "./registry";
import { responsesOf } from "./standard";
import type { RouteContract } from "./types";

/**
 * The OpenAPI 3.1 document, generated from the registry's zod schemas with zod's own JSON
 * Schema output (draft 2020-12 is OpenAPI 3.1's dialect). Inputs are described as clients
 * send them (defaults optional), outputs as the handlers answer them.
 */

type Json = Record<string, unknown>;
export type OpenApiDocument = {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  jsonSchemaDialect: string;
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json>; securitySchemes: Record<string, Json> };
  tags: { name: string }[];
};

const ERROR_REF = "#/components/schemas/ApiError";
const DIALECT = "https://json-schema.org/draft/2020-12/schema";
export const SESSION_SCHEME = "session";

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Json {
  // Refinements (cross-field rules) have no JSON Schema form; the handler still enforces them.
  const out = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as Json;
  // The dialect is stated once for the whole document (jsonSchemaDialect).
  delete out.$schema;
  return out;
}

function parametersOf(route: RouteContract): Json[] {
  const out: Json[] = [];
  const add = (where: "path" | "query", object: z.ZodObject) => {
    const js = jsonSchema(object, "input") as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(js.properties ?? {})) {
      const { description, ...rest } = schema;
      out.push({
        name,
        in: where,
        required: where === "path" || (js.required ?? []).includes(name),
        schema: rest,
        ...(description ? { description } : {}),
      });
    }
  };
  if (route.params) add("path", route.params);
  for (const q of route.query ?? []) add("query", q);
  return out;
}

function operationOf(route: RouteContract): Json {
  const responses: Record<string, Json> = {};
  for (const [status, spec] of Object.entries(responsesOf(route))) {
    const content = Object.fromEntries(
      Object.entries(spec.content ?? {}).map(([media, schema]) => [
        media,
        { schema: schema === apiErrorSchema ? { $ref: ERROR_REF } : jsonSchema(schema, "output") },
      ]),
    );
    const headers = Object.fromEntries(
      Object.entries(spec.headers ?? {}).map(([name, description]) => [
        name,
        { description, schema: { type: "string" } },
      ]),
    );
    responses[status] = {
      description: spec.description,
      ...(Object.keys(content).length ? { content } : {}),
      ...(Object.keys(headers).length ? { headers } : {}),
    };
  }
  const parameters = parametersOf(route);
  const isPublic = "public" in route.access;
  return {
    operationId: operationId(route),
    tags: [route.tag],
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: bodyRequired(route.body),
            content: { "application/json": { schema: jsonSchema(route.body, "input") } },
          },
        }
      : {}),
    responses,
    security: isPublic ? [] : [{ [SESSION_SCHEME]: [] }],
    ...("permission" in route.access
      ? { "x-permission": route.access.permission }
      : { "x-public": route.access.public }),
  };
}

/** A body is optional when its schema accepts none (readJsonBody hands an empty body over as undefined). */
function bodyRequired(body: z.ZodType): boolean {
  return !body.safeParse(undefined).success;
}

/** getProbesByName style: the method and the path's words, so ids are stable and unique. */
export function operationId(route: RouteContract): string {
  const words = route.path
    .replace(/^\/api\//, "")
    .split(/[/.{}-]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  return route.method.toLowerCase() + words.join("");
}

export function openApiDocument(routes: readonly RouteContract[] = API_ROUTES, version = "0.1.0"): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  for (const route of routes) {
    const item = (paths[route.path] ??= {});
    item[route.method.toLowerCase()] = operationOf(route);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Stagewatch API",
      version,
      description:
        "Health of the staging environment. Every figure carries when it was measured; missing or stale data is unknown, never healthy.",
    },
    jsonSchemaDialect: DIALECT,
    paths,
    components: {
      schemas: { ApiError: jsonSchema(apiErrorSchema, "output") },
      securitySchemes: {
        [SESSION_SCHEME]: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description: "The next-auth session cookie (`__Secure-` prefixed over HTTPS).",
        },
      },
    },
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
  };
}
