import "server-only";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { parseOrThrow } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/guard";
import { idParamSchema } from "./schemas";
import type { Actor } from "./types";

/** Small helpers the tracker's route handlers share. */

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
