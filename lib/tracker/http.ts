import "server-only";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { ApiError, parseOrThrow } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/guard";
import { idParamSchema } from "./schemas";
import type { Actor } from "./types";

/** Small helpers the tracker's route handlers share. */

const MAX_BODY_BYTES = 16 * 1024;

export async function readJson(req: NextRequest): Promise<unknown> {
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) throw new ApiError(413, "too_large", `(body): at most ${MAX_BODY_BYTES} bytes`);
  try {
    return JSON.parse(text || "null");
  } catch {
    throw new ApiError(400, "bad_request", "(body): expected a JSON object");
  }
}

/** Route parameters, each checked like a body field so a bad one is named in the 400. */
export function parseIds<K extends string>(params: Record<K, string>): Record<K, string> {
  const shape = Object.fromEntries(Object.keys(params).map((k) => [k, idParamSchema])) as Record<
    K,
    typeof idParamSchema
  >;
  return parseOrThrow(z.object(shape), params) as Record<K, string>;
}

export function queryOf(req: NextRequest): Record<string, string> {
  return Object.fromEntries(req.nextUrl.searchParams.entries());
}

export const actorOf = (user: SessionUser): Actor => ({ name: user.username, role: user.role });

export const NO_STORE = { "Cache-Control": "private, no-store" };
