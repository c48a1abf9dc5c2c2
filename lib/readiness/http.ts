import "server-only";
import type { NextRequest } from "next/server";
import { ApiError, parseOrThrow } from "@/lib/api/errors";
import { readinessQuerySchema, resolveDemoAt } from "./schemas";

/** Small helpers the readiness route handlers share. */

export const NO_STORE = { "Cache-Control": "private, no-store" };
const MAX_BODY_BYTES = 4 * 1024;

export async function readJsonBody(req: NextRequest): Promise<unknown> {
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) throw new ApiError(413, "too_large", `(body): at most ${MAX_BODY_BYTES} bytes`);
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "bad_request", "(body): expected a JSON object");
  }
}

/** The optional demo time of a request, as a Date; a 400 naming `demoAt` when it is not a usable time. */
export function demoAtOf(text: string | undefined, now: number): Date | undefined {
  if (text === undefined || text === "") return undefined;
  const r = resolveDemoAt(text, now);
  if (!r.ok)
    throw new ApiError(400, "bad_request", `demoAt: ${r.message}`, {
      issues: [{ field: "demoAt", message: r.message }],
    });
  return r.at;
}

export function demoAtFromQuery(req: NextRequest, now: number): Date | undefined {
  const q = parseOrThrow(readinessQuerySchema, Object.fromEntries(req.nextUrl.searchParams.entries()));
  return demoAtOf(q.demoAt, now);
}
