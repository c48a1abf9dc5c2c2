// GET /api/overview — headline figures, verdict and freshness of staging (?range, from, to); ETag, 304 when unchanged
import { withAccess } from "@/lib/auth/guard";
import { overview } from "@/lib/metrics/overview";
import { jsonRevalidated } from "@/lib/base/http";
import { metricsRequest } from "@/lib/api/metrics-request";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withAccess("GET /api/overview", async (req, { user }) => {
  const { ctx } = metricsRequest(req);
  return jsonRevalidated(req, await overview(ctx), user.role);
});
