// GET /api/probes/:name — last result with phase timings and conditions, uptime, latency per phase, state changes
import { NextResponse } from "next/server";
import { ApiError, parseOrThrow } from "@/lib/base/api-error";
import { NO_STORE } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { getProbeDetail, probeNameSchema } from "@/lib/probes/view/views";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withAccess<{ name: string }>("GET /api/probes/{name}", async (_req, { params }) => {
  const { name } = parseOrThrow(probeNameSchema, params);
  const detail = await getProbeDetail(name, Date.now());
  if (!detail) throw new ApiError(404, "not_found", `No probe named "${name}" in the staging config.`);
  return NextResponse.json(detail, { headers: NO_STORE });
});
