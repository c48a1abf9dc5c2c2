// POST /api/notifications/channels/:channel/test — send a test message to one channel now and show the receiver's answer (admins)
import { NextResponse } from "next/server";
import { ApiError, parseOrThrow } from "@/lib/base/api-error";
import { NO_STORE } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { getEnv } from "@/lib/config/env";
import { channelParamsSchema } from "@/lib/notifications/schemas";
import { currentChannels, currentSend } from "@/lib/notifications/current";
import { sendTest } from "@/lib/notifications/test-message";
import { enforceLimit } from "@/lib/security/rate-limits";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = withAccess<{ channel: string }>(
  "POST /api/notifications/channels/{channel}/test",
  async (_req, { user, params }) => {
    const { channel } = parseOrThrow(channelParamsSchema, params);
    const target = currentChannels().find((t) => t.id === channel);
    if (!target) throw new ApiError(404, "not_found", `channel: no channel "${channel}" in the staging config`);
    await enforceLimit("channelTest", user.username, "channel tests");
    const result = await sendTest(target, currentSend(), user.username, getEnv().NEXTAUTH_URL ?? null);
    return NextResponse.json(result, { headers: NO_STORE });
  },
);
