// POST /api/tracker/phases/:phaseId/actions — add an action ({ title, owner, status?, due?, links? })
import { NextResponse } from "next/server";
import { parseOrThrow } from "@/lib/base/api-error";
import { BODY_LIMITS, NO_STORE, readJsonBody } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { createAction } from "@/lib/tracker/edits";
import { actorOf, answeringRefusal, parseIds } from "@/lib/tracker/http";
import { actionCreateSchema } from "@/lib/tracker/schemas";
import { defaultTrackerContext } from "@/lib/tracker/state";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = withAccess<{ phaseId: string }>(
  "POST /api/tracker/phases/{phaseId}/actions",
  async (req, { user, params }) => {
    const { phaseId } = parseIds(params);
    const input = parseOrThrow(actionCreateSchema, await readJsonBody(req, BODY_LIMITS.edit));
    const action = await answeringRefusal(
      createAction(await defaultTrackerContext(), phaseId, input, actorOf(user), Date.now()),
    );
    return NextResponse.json(action, { status: 201, headers: NO_STORE });
  },
);
