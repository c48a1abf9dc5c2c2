// GET /api/metrics/startups — start-up success, latency, instances and failures per service (?range, from, to, service)
import { NextResponse } from "next/server";
import { NO_STORE } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { metricsRequest } from "@/lib/api/metrics-request";
import { startups } from "@/lib/metrics/startups";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withAccess("GET /api/metrics/startups", async (req) => {
  const { ctx, params } = metricsRequest(req, ["service"]);
  return NextResponse.json(await startups(ctx, params.service), { headers: NO_STORE });
});
