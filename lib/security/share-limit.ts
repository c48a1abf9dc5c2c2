import "server-only";
import type { ApiError } from "@/lib/base/api-error";
import { getEnv } from "@/lib/config/env";
import { clientAddress } from "./client-address";
import { getLimiters, reserve, tooMany } from "./rate-limits";

/** The public share page and API, per client address: a 429 error to answer with, or null. */
export async function shareLimit(headers: { get(name: string): string | null }): Promise<ApiError | null> {
  const address = clientAddress(headers, getEnv().STAGEWATCH_TRUSTED_PROXY_HOPS);
  const r = await reserve((await getLimiters()).share, address);
  return r.ok ? null : tooMany(r.retryAfterSeconds, "share-link requests from your address");
}
