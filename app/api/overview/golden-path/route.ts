// GET /api/overview/golden-path — latest status of the golden-path probes for the Overview strip
import { NextResponse } from "next/server";
import { withAccess } from "@/lib/auth/guard";
import { NO_STORE } from "@/lib/base/http";
import { goldenPath } from "@/lib/probes/view/golden-path";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withAccess("GET /api/overview/golden-path", async () =>
  NextResponse.json(await goldenPath(Date.now()), { headers: NO_STORE }),
);
