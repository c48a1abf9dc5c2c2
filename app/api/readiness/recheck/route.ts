// POST /api/readiness/recheck — run the golden-path probes now and re-evaluate ({ demoAt? }); 429 with Retry-After when one ran in the last 30 s
import { NextResponse } from "next/server";
import { ApiError, parseOrThrow } from "@/lib/base/api-error";
import { BODY_LIMITS, NO_STORE, readJsonBody } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { demoAtOf } from "@/lib/readiness/http";
import { recheckNow } from "@/lib/readiness/recheck";
import { recheckBodySchema } from "@/lib/readiness/schemas";
import { readinessView } from "@/lib/readiness/views";
import { enforceLimit } from "@/lib/security/rate-limits";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Every reader may press it (sales are viewers); the shared rate limit protects staging.
export const POST = withAccess("POST /api/readiness/recheck", async (req, { user }) => {
  const body = parseOrThrow(recheckBodySchema, await readJsonBody(req, BODY_LIMITS.small));
  // Only a valid request spends one of the user's re-checks.
  await enforceLimit("recheck", user.username, "re-checks");
  const demoAt = demoAtOf(body.demoAt, Date.now());
  const r = await recheckNow();
  if (!r.ok) {
    throw new ApiError(
      429,
      "rate_limited",
      `A re-check ran moments ago; try again in ${r.retryAfterSeconds} s.`,
      { retryAfterSeconds: r.retryAfterSeconds },
      { "Retry-After": String(r.retryAfterSeconds) },
    );
  }
  return NextResponse.json(
    { ...readinessView(r.evaluated, demoAt), recheck: { probes: r.probes, problem: r.problem } },
    { headers: NO_STORE },
  );
});
