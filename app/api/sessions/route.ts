// GET /api/sessions?username= — sign-in sessions of the last 12 h (admins), newest first, with their state, and the addresses shut out
import { NextResponse } from "next/server";
import { z } from "zod";
import { parseOrThrow } from "@/lib/base/api-error";
import { NO_STORE } from "@/lib/base/http";
import { listBlocks } from "@/lib/auth/blocks";
import { withAccess } from "@/lib/auth/guard";
import { listSessions } from "@/lib/auth/sessions";
import { getStore } from "@/lib/store/db";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const querySchema = z.strictObject({ username: z.string().trim().min(1).max(254).optional() });

export const GET = withAccess("GET /api/sessions", async (req) => {
  const q = parseOrThrow(querySchema, Object.fromEntries(req.nextUrl.searchParams.entries()));
  const { db } = await getStore();
  const [sessions, blocked] = await Promise.all([listSessions(db, Date.now(), q.username), listBlocks(db)]);
  return NextResponse.json({ sessions, blocked }, { headers: NO_STORE });
});
