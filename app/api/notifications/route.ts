// GET /api/notifications — channels (no secrets), rules in force and the latest deliveries with their answers (admins)
import { NextResponse } from "next/server";
import { NO_STORE } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { getStagingConfig } from "@/lib/config/staging-config";
import { currentChannels } from "@/lib/notifications/current";
import { notificationsView } from "@/lib/notifications/view";
import { getStore } from "@/lib/store/db";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withAccess("GET /api/notifications", async () => {
  const config = getStagingConfig();
  const view = await notificationsView((await getStore()).db, config, currentChannels(config));
  return NextResponse.json(view, { headers: NO_STORE });
});
