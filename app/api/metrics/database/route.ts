// GET /api/metrics/database — Cloud SQL up band, backends against max_connections, CPU, memory (?range, from, to)
import { NextResponse } from "next/server";
import { NO_STORE } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { database } from "@/lib/metrics/database";
import { metricsRequest } from "@/lib/api/metrics-request";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withAccess("GET /api/metrics/database", async (req) => {
  const { ctx } = metricsRequest(req);
  return NextResponse.json(await database(ctx), { headers: NO_STORE });
});
