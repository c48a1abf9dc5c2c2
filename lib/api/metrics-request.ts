import "server-only";
import type { NextRequest } from "next/server";
import { getStagingConfig } from "@/lib/config/staging-config";
import { metricsContext, type MetricsContext } from "@/lib/gcp/read-context";
import { getReader } from "@/lib/gcp/reader";
import { parseMetricsParams, type MetricsParams } from "./metrics-params";

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
