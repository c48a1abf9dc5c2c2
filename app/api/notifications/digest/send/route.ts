// POST /api/notifications/digest/send — send the last complete week's digest now to the digest channels that have not had it (admins; audited)
import { NextResponse } from "next/server";
import { ApiError, refuseQuery } from "@/lib/base/api-error";
import { NO_STORE } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { getStagingConfig } from "@/lib/config/staging-config";
import { sendDigest } from "@/lib/digest/service";
import { lastCompleteWeek } from "@/lib/notifications/core/digest-week";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = withAccess("POST /api/notifications/digest/send", async (req, { user }) => {
  refuseQuery(req.nextUrl.searchParams);
  if (!getStagingConfig().notifications.digest)
    throw new ApiError(409, "conflict", "The weekly digest is off: notifications.digest is not in the staging config.");
  const now = Date.now();
  const sent = await sendDigest(lastCompleteWeek(now), now, { actor: { name: user.username, role: user.role } });
  return NextResponse.json(sent, { headers: NO_STORE });
});
