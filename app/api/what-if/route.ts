// POST /api/what-if — predicted start-up success of a burst, the smallest fix, and the model's assumptions
import { NextResponse } from "next/server";
import { ApiError, parseOrThrow } from "@/lib/api/errors";
import { withAuth } from "@/lib/auth/guard";
import { NO_STORE } from "@/lib/metrics/request";
import { whatIfRequestSchema } from "@/lib/what-if/schema";
import { whatIf } from "@/lib/what-if/what-if";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// A full request (20 services and every assumption) is about 3 KB; anything far larger is not one.
const MAX_BODY_BYTES = 32 * 1024;

export const POST = withAuth("read", async (req) => {
  const tooLarge = () => new ApiError(413, "too_large", `The request body may be at most ${MAX_BODY_BYTES / 1024} KB.`);
  if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw tooLarge();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError(400, "bad_request", "(body): not valid JSON");
  }
  const scenario = parseOrThrow(whatIfRequestSchema, body);
  return NextResponse.json(whatIf(scenario), { headers: NO_STORE });
});
