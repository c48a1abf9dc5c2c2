// POST /api/probes/:name/run — run one configured probe now (engineers), with a per-probe cool-down
import { NextResponse } from "next/server";
import { ApiError, parseOrThrow } from "@/lib/api/errors";
import { NO_STORE } from "@/lib/api/http";
import { withAuth } from "@/lib/auth/guard";
import { claimRunNow, rehearsalOnDemandMs, RUN_NOW_COOLDOWN_MS, runProbesNow } from "@/lib/probes/schedule/run-now";
import { retryAfterSeconds } from "@/lib/security/cooldown";
import { enforceLimit } from "@/lib/security/rate-limits";
import { configuredProbe, probeNameSchema } from "@/lib/probes/view/views";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = withAuth<{ name: string }>("probes:run", async (_req, { user, params }) => {
  const { name } = parseOrThrow(probeNameSchema, params);
  const probe = configuredProbe(name);
  if (!probe) throw new ApiError(404, "not_found", `No probe named "${name}" in the staging config.`);
  // Per user across every replica, on top of the per-probe cool-down below; only valid requests count.
  await enforceLimit("probeRun", user.username, "probe runs");
  const waitMs = claimRunNow(name, Date.now(), probe.type === "browser" ? rehearsalOnDemandMs() : RUN_NOW_COOLDOWN_MS);
  if (waitMs > 0) {
    const seconds = retryAfterSeconds(waitMs);
    throw new ApiError(
      429,
      "cooling_down",
      `"${name}" was run moments ago; try again in ${seconds} s.`,
      { retryAfterSeconds: seconds },
      { "Retry-After": String(seconds) },
    );
  }
  const [result] = await runProbesNow([name]);
  return NextResponse.json({ result: result ?? null }, { headers: NO_STORE });
});
