// GET /api/changes — changes to staging from the Admin Activity audit log (?range, from, to, resource, kind)
import { NextResponse } from "next/server";
import { parseChangeFilters } from "@/lib/api/changes-params";
import { NO_STORE } from "@/lib/base/http";
import { metricsRequest } from "@/lib/api/metrics-request";
import { withAccess } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { changes } from "@/lib/metrics/changes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withAccess("GET /api/changes", async (req, { user }) => {
  const filters = parseChangeFilters(req.nextUrl.searchParams);
  const { ctx } = metricsRequest(req);
  return NextResponse.json(await changes(ctx, filters, can(user.role, "changes:actors")), { headers: NO_STORE });
});
