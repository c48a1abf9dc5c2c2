import "server-only";
import { getEnv } from "@/lib/config/env";
import { getStore } from "@/lib/store/db";
import { resolveShareToken } from "./share-links";
import { shareKey } from "./share-token";
import { currentReadiness } from "./service";
import type { SharedReadiness } from "./types";
import { sharedView } from "./views";

/** The app's share-link key and store, for route handlers and pages. */
export async function shareContext(): Promise<{ db: Awaited<ReturnType<typeof getStore>>["db"]; key: Uint8Array }> {
  return { db: (await getStore()).db, key: shareKey(getEnv()) };
}

export type PublicReadiness =
  { ok: true; view: SharedReadiness } | { ok: false; status: 404 | 410; reason: "invalid" | "expired" | "revoked" };

/** What the public share page and API show for `token`, or why they show nothing. */
export async function publicReadiness(token: string): Promise<PublicReadiness> {
  const { db, key } = await shareContext();
  const resolved = await resolveShareToken(db, key, token, Date.now());
  if (!resolved.ok) return resolved;
  return { ok: true, view: sharedView(await currentReadiness(), resolved.expiresAt) };
}
