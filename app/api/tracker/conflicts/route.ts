// GET /api/tracker/conflicts — config changes that contradict edits made on the page (kept, not overwritten)
import { NextResponse } from "next/server";
import { NO_STORE } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { getTrackerView } from "@/lib/tracker/service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withAccess("GET /api/tracker/conflicts", async () => {
  const { conflicts } = await getTrackerView(Date.now());
  return NextResponse.json({ conflicts }, { headers: NO_STORE });
});
