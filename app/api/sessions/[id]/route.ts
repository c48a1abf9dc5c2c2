// DELETE /api/sessions/:id — end one sign-in session for every copy of its cookie (admins); 404 when unknown or already ended
import { NextResponse } from "next/server";
import { z } from "zod";
import { ApiError, parseOrThrow } from "@/lib/base/api-error";
import { NO_STORE } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { revokeSession } from "@/lib/auth/sessions";
import { getStore } from "@/lib/store/db";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{24}$/, "must be a session id") });

export const DELETE = withAccess<{ id: string }>("DELETE /api/sessions/{id}", async (_req, { user, params }) => {
  const { id } = parseOrThrow(paramsSchema, params);
  const { db } = await getStore();
  if (!(await revokeSession(db, id, user.username, Date.now()))) {
    throw new ApiError(404, "not_found", `id: no active session "${id}"`);
  }
  return NextResponse.json({ ended: id }, { headers: NO_STORE });
});
