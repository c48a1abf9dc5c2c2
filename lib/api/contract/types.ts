import type { z } from "zod";
import type { Permission } from "@/lib/auth/roles";

/**
 * One operation of the HTTP API, as the OpenAPI document and the API page describe it. The
 * schemas are the very ones the handler parses its input with (imported from the domain),
 * and the response schemas are the domain's own: each answer's type is its schema's output
 * (`z.infer`), so the document cannot describe anything but what the handler returns.
 */
export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export const MEDIA = {
  json: "application/json",
  markdown: "text/markdown",
  html: "text/html",
  png: "image/png",
  yaml: "application/yaml",
  /** Server-sent events; the schema describes one event's `data` (decision 0027). */
  eventStream: "text/event-stream",
} as const;
export type MediaType = (typeof MEDIA)[keyof typeof MEDIA];

export interface ResponseSpec {
  description: string;
  /** Body per media type; none for 204 and redirects. */
  content?: Partial<Record<MediaType, z.ZodType>>;
  /** Response headers worth naming (e.g. Retry-After on a 429). */
  headers?: Record<string, string>;
}

export type ObjectSchema = z.ZodObject;

export interface RouteContract {
  method: HttpMethod;
  /** OpenAPI path template: /api/probes/{name}. */
  path: string;
  /** Group on the API page and the document's tag. */
  tag: string;
  summary: string;
  description?: string;
  /** The permission the handler asks for, or public with the reason: lib/auth/route-access.ts, read by ./registry.ts. */
  access: { permission: Permission } | { public: string };
  /** Path parameters, as the handler parses them. */
  params?: ObjectSchema;
  /** Query parameters; several objects when the handler parses them with several schemas. */
  query?: readonly ObjectSchema[];
  /** JSON request body. */
  body?: z.ZodType;
  /** Answers other than the ones every route shares (added by ./standard.ts). */
  responses: Record<number, ResponseSpec>;
}

/** A route entry as lib/api/contract/routes/* write it: everything but the access, which is declared once elsewhere. */
export type RouteSpec = Omit<RouteContract, "access">;
