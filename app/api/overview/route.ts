// GET /api/overview — headline figures, verdict and freshness of staging (?range, from, to)
import { withAuth } from "@/lib/auth/guard";
import { overview } from "@/lib/metrics/overview";
import { jsonOnce } from "@/lib/api/http";
import { metricsRequest } from "@/lib/api/metrics-request";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withAuth("read", async (req) => {
  const { ctx } = metricsRequest(req);
  return jsonOnce(await overview(ctx));
});
