// GET /api/tracker — the incident, its phases with evaluated criteria, actions and open config conflicts
import { NextResponse } from "next/server";
import { NO_STORE } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { getTrackerView } from "@/lib/tracker/service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withAccess("GET /api/tracker", async () =>
  NextResponse.json(await getTrackerView(Date.now()), { headers: NO_STORE }),
);
