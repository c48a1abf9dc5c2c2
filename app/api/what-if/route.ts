// POST /api/what-if — predicted start-up success of a burst, the smallest fix, and the model's assumptions
import { NextResponse } from "next/server";
import { parseOrThrow } from "@/lib/api/errors";
import { BODY_LIMITS, NO_STORE, readJsonBody } from "@/lib/api/http";
import { withAuth } from "@/lib/auth/guard";
import { whatIfRequestSchema } from "@/lib/what-if/schema";
import { whatIf } from "@/lib/what-if/what-if";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = withAuth("read", async (req) => {
  const scenario = parseOrThrow(whatIfRequestSchema, await readJsonBody(req, BODY_LIMITS.scenario));
  return NextResponse.json(whatIf(scenario), { headers: NO_STORE });
});
