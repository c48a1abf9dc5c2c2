// GET /api/slo/openslo — the SLOs as OpenSLO openslo/v1 YAML (Service, SLI, SLO, AlertPolicy, AlertCondition), as a download
import { NextResponse } from "next/server";
import { refuseQuery } from "@/lib/base/api-error";
import { NO_STORE } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { OPENSLO_FILENAME, currentOpenSloYaml } from "@/lib/slo/openslo/service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withAccess("GET /api/slo/openslo", async (req) => {
  refuseQuery(req.nextUrl.searchParams);
  return new NextResponse(currentOpenSloYaml(), {
    headers: {
      ...NO_STORE,
      "Content-Type": "application/yaml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${OPENSLO_FILENAME}"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
});
