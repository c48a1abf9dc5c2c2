// GET /api/notifications/digest — the weekly digest's model for a week (?week=YYYY-Www, default the last complete one), for the preview (admins)
import { NextResponse } from "next/server";
import { parseOrThrow, refusal } from "@/lib/base/api-error";
import { NO_STORE } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { digestWeekFor, previewDigest } from "@/lib/digest/service";
import { digestQuerySchema } from "@/lib/notifications/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withAccess("GET /api/notifications/digest", async (req) => {
  const query = parseOrThrow(digestQuerySchema, Object.fromEntries(req.nextUrl.searchParams));
  const now = Date.now();
  const week = digestWeekFor(query.week, now);
  if ("status" in week) throw refusal(week);
  return NextResponse.json(await previewDigest(week, now), { headers: NO_STORE });
});
