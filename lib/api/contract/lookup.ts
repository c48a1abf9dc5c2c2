import type { z } from "zod";
import { API_ROUTES } from "./registry";
import { responsesOf } from "./standard";
import { MEDIA, type HttpMethod, type MediaType, type RouteContract } from "./types";

/** The registered operation, or a thrown error naming what is missing (for tests and tools). */
export function routeOf(method: HttpMethod, path: string): RouteContract {
  const route = API_ROUTES.find((r) => r.method === method && r.path === path);
  if (!route) throw new Error(`${method} ${path} is not in the API contract`);
  return route;
}

/** The schema the document gives an answer of `status` in `media`. */
export function responseSchemaOf(
  method: HttpMethod,
  path: string,
  status = 200,
  media: MediaType = MEDIA.json,
): z.ZodType {
  const schema = responsesOf(routeOf(method, path))[status]?.content?.[media];
  if (!schema) throw new Error(`${method} ${path} documents no ${status} ${media} answer`);
  return schema;
}

/** The statuses the document lists for an operation (its own and the shared ones). */
export function documentedStatuses(method: HttpMethod, path: string): number[] {
  return Object.keys(responsesOf(routeOf(method, path))).map(Number);
}
