// GET /api/ready — Cloud Run's startup probe: store reachable, config valid, leader or follower.
// Public (lib/auth/roles.ts PUBLIC_ROUTES says why); 200 when ready, 503 when not.
import { sql } from "kysely";
import { NextResponse } from "next/server";
import { getStagingConfig } from "@/lib/config/staging-config";
import { getGoogleAccess } from "@/lib/gcp/clients";
import { backgroundRole, startBackground } from "@/lib/server/background";
import { checkReady } from "@/lib/server/ready-check";
import { getStore } from "@/lib/store/db";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET() {
  // A replica whose store was not reachable at start-up starts its background work now.
  void startBackground().catch(() => undefined);
  const report = await checkReady(
    {
      pingStore: async () => {
        await sql`select 1`.execute((await getStore()).db);
      },
      checkConfig: () => void getStagingConfig(),
      role: backgroundRole,
      googleAccess: getGoogleAccess,
    },
    Date.now(),
  );
  return NextResponse.json(report, { status: report.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
