// GET /api/tracker/history — the audit trail, newest first (?limit, cursor, since)
import { NextResponse } from "next/server";
import { parseOrThrow } from "@/lib/base/api-error";
import { NO_STORE } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { listHistory } from "@/lib/tracker/history";
import { queryOf } from "@/lib/tracker/http";
import { historyQuerySchema } from "@/lib/tracker/schemas";
import { defaultTrackerContext } from "@/lib/tracker/state";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withAccess("GET /api/tracker/history", async (req) => {
  const q = parseOrThrow(historyQuerySchema, queryOf(req));
  return NextResponse.json(await listHistory(await defaultTrackerContext(), q), { headers: NO_STORE });
});
