// GET /api/events — classified failure events from Cloud Logging (?range, from, to, service, revision, cause, page, pageSize)
import { NextResponse } from "next/server";
import { NO_STORE } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { events } from "@/lib/metrics/events";
import { metricsRequest } from "@/lib/api/metrics-request";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withAccess("GET /api/events", async (req) => {
  const { ctx, params } = metricsRequest(req, ["service", "revision", "cause", "page"]);
  return NextResponse.json(await events(ctx, params), { headers: NO_STORE });
});
