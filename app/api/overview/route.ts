// GET /api/overview — headline figures, verdict and freshness of staging (?range, from, to)
import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/guard";
import { overview } from "@/lib/metrics/overview";
import { metricsRequest, NO_STORE } from "@/lib/metrics/request";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withAuth("read", async (req) => {
  const { ctx } = metricsRequest(req);
  return NextResponse.json(await overview(ctx), { headers: NO_STORE });
});
