import "server-only";
import type { NextRequest } from "next/server";
import { ApiError, parseOrThrow } from "@/lib/base/api-error";
import { readinessQuerySchema, resolveDemoAt } from "./schemas";

/** Small helpers the readiness route handlers share. */

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
