// POST /api/tracker/conflicts/:conflictId — resolve a config conflict ({ keep: "store" | "config" })
import { NextResponse } from "next/server";
import { z } from "zod";
import { parseOrThrow } from "@/lib/base/api-error";
import { BODY_LIMITS, NO_STORE, readJsonBody } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { resolveConflict } from "@/lib/tracker/edits";
import { actorOf, answeringRefusal } from "@/lib/tracker/http";
import { conflictResolutionSchema } from "@/lib/tracker/schemas";
import { defaultTrackerContext } from "@/lib/tracker/state";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = withAccess<{ conflictId: string }>(
  "POST /api/tracker/conflicts/{conflictId}",
  async (req, { user, params }) => {
    const { conflictId } = parseOrThrow(z.object({ conflictId: z.uuid("conflictId must be a conflict id") }), params);
    const { keep } = parseOrThrow(conflictResolutionSchema, await readJsonBody(req, BODY_LIMITS.edit));
    await answeringRefusal(resolveConflict(await defaultTrackerContext(), conflictId, keep, actorOf(user), Date.now()));
    return NextResponse.json({ resolved: conflictId, keep }, { headers: NO_STORE });
  },
);
