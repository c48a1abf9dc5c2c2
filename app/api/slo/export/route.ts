// GET /api/slo/export — the SLOs as Cloud Monitoring Service / ServiceLevelObjective / AlertPolicy JSON
// POST /api/slo/export — create them in Cloud Monitoring, idempotently (engineers and admins)
import { NextResponse } from "next/server";
import { refuseQuery } from "@/lib/base/api-error";
import { withAccess } from "@/lib/auth/guard";
import { BODY_LIMITS, NO_STORE, readJsonBody } from "@/lib/base/http";
import { currentPlan, planView, runExport } from "@/lib/slo/export/service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withAccess("GET /api/slo/export", async (req) => {
  refuseQuery(req.nextUrl.searchParams);
  return NextResponse.json(planView(currentPlan()), { headers: NO_STORE });
});

export const POST = withAccess("POST /api/slo/export", async (req) => {
  return NextResponse.json(await runExport(await readJsonBody(req, BODY_LIMITS.small)), { headers: NO_STORE });
});
