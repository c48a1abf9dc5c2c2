// GET /api/probes/:name/history — latency and uptime per step over the range (?range, from, to)
import { NextResponse } from "next/server";
import { ApiError, badRequest, parseOrThrow } from "@/lib/base/api-error";
import { NO_STORE } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { getProbeHistory, probeNameSchema } from "@/lib/probes/view/views";
import { parseTimeRange } from "@/lib/core/time-range";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withAccess<{ name: string }>("GET /api/probes/{name}/history", async (req, { params }) => {
  const { name } = parseOrThrow(probeNameSchema, params);
  const range = parseTimeRange(req.nextUrl.searchParams, new Date());
  if (!range.ok) throw badRequest(range.error);
  const history = await getProbeHistory(name, range.range);
  if (!history) throw new ApiError(404, "not_found", `No probe named "${name}" in the staging config.`);
  return NextResponse.json(history, { headers: NO_STORE });
});
