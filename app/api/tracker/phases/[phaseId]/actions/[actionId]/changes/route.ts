// POST, DELETE /api/tracker/phases/:phaseId/actions/:actionId/changes — link an action to the change that carried it out ({ changeId, startedAt }), or unlink it (?changeId=)
import { NextResponse } from "next/server";
import { ApiError, parseOrThrow } from "@/lib/base/api-error";
import { BODY_LIMITS, NO_STORE, readJsonBody } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { getStagingConfig } from "@/lib/config/staging-config";
import { findChange } from "@/lib/metrics/changes";
import { getReader } from "@/lib/gcp/reader";
import { linkChange, unlinkChange } from "@/lib/tracker/change-links";
import { actorOf, answeringRefusal, parseIds, queryOf } from "@/lib/tracker/http";
import { changeLinkSchema, changeUnlinkQuerySchema } from "@/lib/tracker/schemas";
import { defaultTrackerContext } from "@/lib/tracker/state";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { phaseId: string; actionId: string };

export const POST = withAccess<Params>(
  "POST /api/tracker/phases/{phaseId}/actions/{actionId}/changes",
  async (req, { user, params }) => {
    const { phaseId, actionId } = parseIds(params);
    const input = parseOrThrow(changeLinkSchema, await readJsonBody(req, BODY_LIMITS.edit));
    const now = Date.now();
    const change = await findChange(getReader(), getStagingConfig(), input.changeId, input.startedAt, now);
    if (!change)
      throw new ApiError(404, "not_found", `changeId: no change "${input.changeId}" started at ${input.startedAt}.`);
    const link = await answeringRefusal(
      linkChange(await defaultTrackerContext(), phaseId, actionId, change, actorOf(user), now),
    );
    return NextResponse.json(link, { status: 201, headers: NO_STORE });
  },
);

export const DELETE = withAccess<Params>(
  "DELETE /api/tracker/phases/{phaseId}/actions/{actionId}/changes",
  async (req, { user, params }) => {
    const { phaseId, actionId } = parseIds(params);
    const { changeId } = parseOrThrow(changeUnlinkQuerySchema, queryOf(req));
    await answeringRefusal(
      unlinkChange(await defaultTrackerContext(), phaseId, actionId, changeId, actorOf(user), Date.now()),
    );
    return new NextResponse(null, { status: 204, headers: NO_STORE });
  },
);
