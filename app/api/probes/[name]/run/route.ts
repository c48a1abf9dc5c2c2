// POST /api/probes/:name/run — run one configured probe now (engineers), with a per-probe cool-down
import { NextResponse } from "next/server";
import { ApiError, parseOrThrow } from "@/lib/base/api-error";
import { NO_STORE } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { formatClock } from "@/lib/core/format";
import {
  claimRunNow,
  recentRehearsalStart,
  rehearsalOnDemandMs,
  RUN_NOW_COOLDOWN_MS,
  runProbesNow,
} from "@/lib/probes/schedule/run-now";
import { retryAfterSeconds } from "@/lib/security/cooldown";
import { enforceLimit } from "@/lib/security/rate-limits";
import { configuredProbe, probeNameSchema } from "@/lib/probes/view/views";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = withAccess<{ name: string }>("POST /api/probes/{name}/run", async (_req, { user, params }) => {
  const { name } = parseOrThrow(probeNameSchema, params);
  const probe = configuredProbe(name);
  if (!probe) throw new ApiError(404, "not_found", `No probe named "${name}" in the staging config.`);
  // Per user across every replica, on top of the per-probe cool-down below; only valid requests count.
  await enforceLimit("probeRun", user.username, "probe runs");
  const now = Date.now();
  // A scheduled rehearsal that started within the on-demand window stands: say so, never an empty 200.
  const rehearsedAt = await recentRehearsalStart(name, now);
  if (rehearsedAt !== null)
    throw coolingDown(
      `A rehearsal of "${name}" started at ${formatClock(new Date(rehearsedAt))}; its result stands (on the probe's page).`,
      rehearsedAt + rehearsalOnDemandMs() - now,
    );
  const waitMs = claimRunNow(name, now, probe.type === "browser" ? rehearsalOnDemandMs() : RUN_NOW_COOLDOWN_MS);
  if (waitMs > 0) throw coolingDown(`"${name}" was run moments ago.`, waitMs);
  const [result] = await runProbesNow([name]);
  if (!result)
    throw new ApiError(
      503,
      "not_run",
      `"${name}" could not run now (the server's log says why); no result was recorded and its state is unchanged.`,
    );
  return NextResponse.json({ result }, { headers: NO_STORE });
});

function coolingDown(why: string, waitMs: number): ApiError {
  const seconds = retryAfterSeconds(waitMs);
  return new ApiError(
    429,
    "cooling_down",
    `${why} Try again in ${seconds} s.`,
    { retryAfterSeconds: seconds },
    { "Retry-After": String(seconds) },
  );
}
