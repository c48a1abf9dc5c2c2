// DELETE /api/sessions/blocks/:email — let an address an admin shut out come back in (admins); 404 when it is not shut out
import { NextResponse } from "next/server";
import { z } from "zod";
import { ApiError, parseOrThrow } from "@/lib/base/api-error";
import { NO_STORE } from "@/lib/base/http";
import { unblockEmail } from "@/lib/auth/blocks";
import { withAccess } from "@/lib/auth/guard";
import { getStore } from "@/lib/store/db";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const paramsSchema = z.object({ email: z.email("must be an email address").max(254) });

export const DELETE = withAccess<{ email: string }>("DELETE /api/sessions/blocks/{email}", async (_req, { params }) => {
  const { email } = parseOrThrow(paramsSchema, params);
  const { db } = await getStore();
  if (!(await unblockEmail(db, email))) {
    throw new ApiError(404, "not_found", `email: "${email}" is not shut out`);
  }
  return NextResponse.json({ unblocked: email.toLowerCase() }, { headers: NO_STORE });
});
