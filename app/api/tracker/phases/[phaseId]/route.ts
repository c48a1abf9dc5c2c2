// PATCH /api/tracker/phases/:phaseId — set a phase's status ({ status, version }); 409 on a stale version
import { NextResponse } from "next/server";
import { parseOrThrow } from "@/lib/base/api-error";
import { BODY_LIMITS, NO_STORE, readJsonBody } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { updatePhase } from "@/lib/tracker/edits";
import { actorOf, answeringRefusal, parseIds } from "@/lib/tracker/http";
import { phasePatchSchema } from "@/lib/tracker/schemas";
import { defaultTrackerContext } from "@/lib/tracker/state";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const PATCH = withAccess<{ phaseId: string }>(
  "PATCH /api/tracker/phases/{phaseId}",
  async (req, { user, params }) => {
    const { phaseId } = parseIds(params);
    const patch = parseOrThrow(phasePatchSchema, await readJsonBody(req, BODY_LIMITS.edit));
    const phase = await answeringRefusal(
      updatePhase(await defaultTrackerContext(), phaseId, patch, actorOf(user), Date.now()),
    );
    return NextResponse.json(phase, { headers: NO_STORE });
  },
);
