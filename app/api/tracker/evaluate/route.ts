// POST /api/tracker/evaluate — evaluate every success criterion now, then return the tracker
import { NextResponse } from "next/server";
import { NO_STORE } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { evaluateNow, trackerView } from "@/lib/tracker/service";
import { defaultTrackerContext } from "@/lib/tracker/state";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = withAccess("POST /api/tracker/evaluate", async () => {
  const ctx = await defaultTrackerContext();
  await evaluateNow(ctx, Date.now());
  return NextResponse.json(await trackerView(ctx, Date.now()), { headers: NO_STORE });
});
