// GET /api/readiness — the demo verdict (GO / CAUTION / NO-GO) with reasons and evidence (?demoAt=HH:MM UTC or ISO)
import { NextResponse } from "next/server";
import { NO_STORE } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { demoAtFromQuery } from "@/lib/readiness/http";
import { currentReadiness } from "@/lib/readiness/service";
import { readinessView } from "@/lib/readiness/views";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withAccess("GET /api/readiness", async (req) => {
  const demoAt = demoAtFromQuery(req, Date.now());
  return NextResponse.json(readinessView(await currentReadiness(), demoAt), { headers: NO_STORE });
});
