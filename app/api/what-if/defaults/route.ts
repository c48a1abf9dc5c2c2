// GET /api/what-if/defaults — today's configuration, the model's assumptions and the observed burst (?range, from, to)
import { NextResponse } from "next/server";
import { NO_STORE } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { metricsRequest } from "@/lib/api/metrics-request";
import { whatIfDefaults } from "@/lib/what-if/defaults";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withAccess("GET /api/what-if/defaults", async (req) => {
  const { ctx } = metricsRequest(req);
  return NextResponse.json(await whatIfDefaults(ctx), { headers: NO_STORE });
});
