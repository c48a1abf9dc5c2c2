import "server-only";
import type { NextRequest } from "next/server";
import { getStagingConfig } from "@/lib/config/staging-config";
import { metricsContext, type MetricsContext } from "./context";
import { parseMetricsParams, type MetricsParams } from "./params";
import { getReader } from "./reader";
import { NO_STORE } from "@/lib/api/http";

/** Parses a metrics request (400 naming a bad parameter) into the context the lib functions take. */
export function metricsRequest(
  req: NextRequest,
  allowed: Parameters<typeof parseMetricsParams>[2] = [],
): { ctx: MetricsContext; params: MetricsParams } {
  const now = new Date();
  const config = getStagingConfig();
  const params = parseMetricsParams(
    req.nextUrl.searchParams,
    now,
    allowed,
    config.services.map((s) => s.name),
  );
  return { ctx: metricsContext(getReader(), config, params.range, now.getTime()), params };
}

// Re-exported for the Overview's routes, which import it from here.
export { NO_STORE };

// A memoised body (the same object for every viewer within its second) is serialised once.
const serialised = new WeakMap<object, string>();

/** A JSON answer whose text is reused while the body object is the same (SecondMemo hands out one object per second). */
export function jsonOnce(body: object): Response {
  let text = serialised.get(body);
  if (text === undefined) {
    text = JSON.stringify(body);
    serialised.set(body, text);
  }
  return new Response(text, { headers: { "content-type": "application/json", ...NO_STORE } });
}
