// POST /api/what-if — predicted start-up success of a burst, the smallest fix, and the model's assumptions
import { NextResponse } from "next/server";
import { ApiError, parseOrThrow } from "@/lib/base/api-error";
import { BODY_LIMITS, NO_STORE, readJsonBody } from "@/lib/base/http";
import { withAccess } from "@/lib/auth/guard";
import { retryAfterSeconds } from "@/lib/security/cooldown";
import { PoolFullError } from "@/lib/base/worker-pool";
import { whatIfInPool } from "@/lib/what-if/pool";
import { whatIfRequestSchema } from "@/lib/what-if/core/schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = withAccess("POST /api/what-if", async (req) => {
  const scenario = parseOrThrow(whatIfRequestSchema, await readJsonBody(req, BODY_LIMITS.scenario));
  try {
    return NextResponse.json(await whatIfInPool(scenario), { headers: NO_STORE });
  } catch (err) {
    if (!(err instanceof PoolFullError)) throw err;
    const seconds = retryAfterSeconds(err.retryAfterMs);
    throw new ApiError(
      429,
      "busy",
      `Too many what-ifs at once; try again in ${seconds} s.`,
      {},
      { "Retry-After": String(seconds) },
    );
  }
});
