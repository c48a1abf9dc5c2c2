// PATCH, DELETE /api/tracker/phases/:phaseId/actions/:actionId — edit or remove an action; both carry the version they are based on
import { NextResponse } from "next/server";
import { parseOrThrow } from "@/lib/base/api-error";
import { BODY_LIMITS, NO_STORE, readJsonBody } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { deleteAction, updateAction } from "@/lib/tracker/edits";
import { actorOf, answeringRefusal, parseIds, queryOf } from "@/lib/tracker/http";
import { actionPatchSchema, versionQuerySchema } from "@/lib/tracker/schemas";
import { defaultTrackerContext } from "@/lib/tracker/state";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { phaseId: string; actionId: string };

export const PATCH = withAccess<Params>(
  "PATCH /api/tracker/phases/{phaseId}/actions/{actionId}",
  async (req, { user, params }) => {
    const { phaseId, actionId } = parseIds(params);
    const patch = parseOrThrow(actionPatchSchema, await readJsonBody(req, BODY_LIMITS.edit));
    const action = await answeringRefusal(
      updateAction(await defaultTrackerContext(), phaseId, actionId, patch, actorOf(user), Date.now()),
    );
    return NextResponse.json(action, { headers: NO_STORE });
  },
);

export const DELETE = withAccess<Params>(
  "DELETE /api/tracker/phases/{phaseId}/actions/{actionId}",
  async (req, { user, params }) => {
    const { phaseId, actionId } = parseIds(params);
    const { version } = parseOrThrow(versionQuerySchema, queryOf(req));
    await answeringRefusal(
      deleteAction(await defaultTrackerContext(), phaseId, actionId, version, actorOf(user), Date.now()),
    );
    return new NextResponse(null, { status: 204, headers: NO_STORE });
  },
);
