// POST /api/maintenance/:id/end — end a maintenance window now (engineers); its notifications are released
import { NextResponse } from "next/server";
import { z } from "zod";
import { parseOrThrow, refusal } from "@/lib/base/api-error";
import { NO_STORE } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { maintenanceIdSchema } from "@/lib/config/core/maintenance/schemas";
import { endMaintenance } from "@/lib/maintenance/service";
import { actorOf } from "@/lib/tracker/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = withAccess<{ id: string }>("POST /api/maintenance/{id}/end", async (_req, { user, params }) => {
  const { id } = parseOrThrow(z.object({ id: maintenanceIdSchema }), params);
  const r = await endMaintenance(id, actorOf(user), Date.now());
  if (!r.ok) throw refusal(r);
  return NextResponse.json({ window: r.window }, { headers: NO_STORE });
});
