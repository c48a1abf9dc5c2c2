// GET /api/maintenance — maintenance windows (running, planned, recent) and their audit history; POST — start one ({ scope, duration, reason, startsAt? }), 201
import { NextResponse } from "next/server";
import { parseOrThrow, refusal } from "@/lib/base/api-error";
import { BODY_LIMITS, NO_STORE, readJsonBody } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { createMaintenanceSchema } from "@/lib/config/core/maintenance/schemas";
import { listMaintenance, startMaintenance } from "@/lib/maintenance/service";
import { actorOf } from "@/lib/tracker/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withAccess("GET /api/maintenance", async () => {
  return NextResponse.json(await listMaintenance(Date.now()), { headers: NO_STORE });
});

export const POST = withAccess("POST /api/maintenance", async (req, { user }) => {
  const input = parseOrThrow(createMaintenanceSchema, await readJsonBody(req, BODY_LIMITS.small));
  const r = await startMaintenance(input, actorOf(user), Date.now());
  if (!r.ok) throw refusal(r);
  return NextResponse.json({ window: r.window }, { status: 201, headers: NO_STORE });
});
