// GET /api/probes — latest state, uptime 24h/7d and p95 of every configured probe
import { NextResponse } from "next/server";
import { NO_STORE } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { probesResponse } from "@/lib/probes/view/views";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withAccess("GET /api/probes", async () =>
  NextResponse.json(await probesResponse(Date.now()), { headers: NO_STORE }),
);
