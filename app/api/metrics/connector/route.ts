// GET /api/metrics/connector — VPC connector throughput against its ceiling, instances, CPU, headroom (?range, from, to)
import { NextResponse } from "next/server";
import { NO_STORE } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { connector } from "@/lib/metrics/connector";
import { metricsRequest } from "@/lib/api/metrics-request";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withAccess("GET /api/metrics/connector", async (req) => {
  const { ctx } = metricsRequest(req);
  return NextResponse.json(await connector(ctx), { headers: NO_STORE });
});
