// GET /api/slo/export — the SLOs as Cloud Monitoring Service / ServiceLevelObjective / AlertPolicy JSON
// POST /api/slo/export — create them in Cloud Monitoring, idempotently (engineers and admins)
import { NextResponse } from "next/server";
import { ApiError } from "@/lib/api/errors";
import { withAuth } from "@/lib/auth/guard";
import { BODY_LIMITS, NO_STORE, readJsonBody } from "@/lib/api/http";
import { currentPlan, planView, runExport } from "@/lib/slo/export/service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withAuth("read", async (req) => {
  const extra = [...req.nextUrl.searchParams.keys()][0];
  if (extra !== undefined)
    throw new ApiError(400, "bad_request", `${extra}: unknown parameter; this route takes none`, {
      issues: [{ field: extra, message: "unknown parameter" }],
    });
  return NextResponse.json(planView(currentPlan()), { headers: NO_STORE });
});

export const POST = withAuth("slo:export", async (req) => {
  return NextResponse.json(await runExport(await readJsonBody(req, BODY_LIMITS.small)), { headers: NO_STORE });
});
