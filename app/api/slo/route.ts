// GET /api/slo — start-up SLOs: attainment, error budget, burn rates, alert states and history (?service)
import { NextResponse } from "next/server";
import { NO_STORE } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { getStagingConfig } from "@/lib/config/staging-config";
import { parseSloParams } from "@/lib/slo/params";
import { deployedServices } from "@/lib/slo/read";
import { currentSlos } from "@/lib/slo/service";
import { sloResponseFor } from "@/lib/slo/view";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withAccess("GET /api/slo", async (req) => {
  const { service } = parseSloParams(req.nextUrl.searchParams, deployedServices(getStagingConfig()));
  const { response } = await currentSlos();
  return NextResponse.json(sloResponseFor(response, service), { headers: NO_STORE });
});
