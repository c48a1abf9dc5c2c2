// GET /api/overview/phases — resolution progress for the Overview (n of N phases, what blocks)
import { NextResponse } from "next/server";
import { withAccess } from "@/lib/auth/guard";
import { NO_STORE } from "@/lib/base/http";
import { trackerSummary } from "@/lib/tracker/summary";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withAccess("GET /api/overview/phases", async () =>
  NextResponse.json(await trackerSummary(Date.now()), { headers: NO_STORE }),
);
