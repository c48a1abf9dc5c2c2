// GET /api/internal/stats — upstream Google API calls made by this process (for the bench); admins only
import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/guard";
import { upstreamCalls } from "@/lib/gcp/counter";
import type { StatsResponse } from "@/lib/metrics/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withAuth("ops:read", async () => {
  const c = upstreamCalls();
  const body: StatsResponse = {
    upstreamCalls: c.total,
    listTimeSeries: c.listTimeSeries,
    listLogEntries: c.listLogEntries,
  };
  return NextResponse.json(body, { headers: { "Cache-Control": "no-store" } });
});
