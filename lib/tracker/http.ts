import "server-only";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { ApiError, parseOrThrow } from "@/lib/base/api-error";
import type { SessionUser } from "@/lib/auth/guard";
import { EditRefused, type EditRefusalReason } from "./edit-refused";
import { idParamSchema } from "./schemas";
import type { Actor } from "@/lib/store/core/audit";

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

const REFUSAL_STATUS: Record<EditRefusalReason, number> = {
  not_found: 404,
  stale_version: 409,
  criteria_failing: 409,
  already_resolved: 409,
};

/** A refused edit as the API's error: its reason is the code, the state it collided with rides along. */
export function refusedAsApiError(e: EditRefused): ApiError {
  return new ApiError(
    REFUSAL_STATUS[e.reason],
    e.reason,
    e.message,
    e.current === undefined ? {} : { current: e.current },
  );
}

/** Awaits an edit; a refusal becomes the API's error, anything else passes through untouched. */
export async function answeringRefusal<T>(edit: Promise<T>): Promise<T> {
  try {
    return await edit;
  } catch (e) {
    throw e instanceof EditRefused ? refusedAsApiError(e) : e;
  }
}
