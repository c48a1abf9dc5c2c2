import type { z } from "zod";
import { apiErrorSchema } from "./errors";
import { MEDIA, type ResponseSpec, type RouteContract } from "./types";

/** An error answer with the shared error body. */
export function errorResponse(description: string, headers?: Record<string, string>): ResponseSpec {
  return { description, content: { [MEDIA.json]: apiErrorSchema }, ...(headers ? { headers } : {}) };
}

/** Methods withAuth lets through without the cross-site checks (lib/security/csrf.ts). */
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The answers every route shares, from the way handlers are written: withAuth's 401 and 403
 * (and, on a state-changing method, its cross-site 403 and non-JSON 415), parseOrThrow's 400
 * when there is input, and the 500 of an unexpected failure. A route's own entries win.
 */
export function responsesOf(route: RouteContract): Record<number, ResponseSpec> {
  const shared: Record<number, ResponseSpec> = {};
  if (route.params || route.query?.length || route.body)
    shared[400] = errorResponse("Malformed input; `issues` names each field at fault.");
  if ("permission" in route.access) {
    shared[401] = errorResponse("No session: sign in first.");
    shared[403] = errorResponse(`The role may not do this: it needs "${route.access.permission}".`);
    if (!SAFE.has(route.method)) {
      shared[403] = errorResponse(
        `The role may not do this (it needs "${route.access.permission}"; \`forbidden\`), or the request is cross-site: its Origin is not the app's, or it has none and Sec-Fetch-Site is not same-origin (\`cross_origin\`).`,
      );
      shared[415] = errorResponse("A request body that is not `application/json` (`unsupported_media_type`).");
    }
  }
  shared[500] = errorResponse("Unexpected failure; details are in the server log only.");
  return { ...shared, ...route.responses };
}

/** A 200 with a JSON body. */
export function jsonOk(description: string, schema: z.ZodType): Record<number, ResponseSpec> {
  return { 200: { description, content: { [MEDIA.json]: schema } } };
}
