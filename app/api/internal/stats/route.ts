// GET /api/internal/stats — upstream Google API calls made by this process (for the bench); admins only
import { NextResponse } from "next/server";
import { withAccess } from "@/lib/auth/guard";
import { upstreamCalls } from "@/lib/gcp/counter";
import type { StatsResponse } from "@/lib/metrics/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withAccess("GET /api/internal/stats", async () => {
  const c = upstreamCalls();
  const body: StatsResponse = {
    upstreamCalls: c.total,
    listTimeSeries: c.listTimeSeries,
    listLogEntries: c.listLogEntries,
  };
  return NextResponse.json(body, { headers: { "Cache-Control": "no-store" } });
});
