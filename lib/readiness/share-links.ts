import { randomUUID } from "node:crypto";
import type { StoreDb } from "@/lib/store/db";
import type { StoreSchema } from "@/lib/store/schema";
import { signShareToken, verifyShareToken } from "./share-token";
import type { ShareLinkState, ShareLinkView } from "./types";

/**
 * Share links in the store: created by engineers and admins, listed for them, revoked by
 * their creator or an admin, and resolved for the public page. Expiry is enforced twice —
 * by the token's signed `exp` and by the row — so neither a copied row nor a token alone
 * outlives it.
 */

type Row = StoreSchema["readiness_share_link"];
export const LIST_LIMIT = 100;

export function linkState(row: Row, now: number): ShareLinkState {
  if (row.revoked_at !== null) return "revoked";
  return row.expires_at <= now ? "expired" : "active";
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const sharePath = (token: string) => `/share/${token}`;

async function viewOf(
  row: Row,
  now: number,
  key: Uint8Array,
  viewer: { username: string; canManage: boolean },
): Promise<ShareLinkView> {
  const state = linkState(row, now);
  // Only the creator and share managers see a working URL: a link is a bearer credential.
  const mayOpen = viewer.canManage || row.created_by === viewer.username;
  const token =
    state === "active" && mayOpen
      ? await signShareToken({ id: row.id, issuedAt: row.created_at, expiresAt: row.expires_at }, key)
      : null;
  return {
    id: row.id,
    createdAt: new Date(row.created_at).toISOString(),
    createdBy: row.created_by,
    expiresAt: new Date(row.expires_at).toISOString(),
    note: row.note,
    state,
    revokedAt: iso(row.revoked_at),
    revokedBy: row.revoked_by,
    path: token ? sharePath(token) : null,
    canRevoke: state === "active" && (viewer.canManage || row.created_by === viewer.username),
  };
}

export interface Viewer {
  username: string;
  /** share:manage — may revoke anyone's link. */
  canManage: boolean;
}

export async function createShareLink(
  db: StoreDb,
  key: Uint8Array,
  input: { createdBy: string; expiresInSeconds: number; note?: string },
  now: number,
  viewer: Viewer,
): Promise<ShareLinkView> {
  // Whole seconds, because the token's iat and exp are; the row and the token then agree exactly.
  const createdAt = Math.floor(now / 1_000) * 1_000;
  const row: Row = {
    id: randomUUID(),
    created_at: createdAt,
    created_by: input.createdBy,
    expires_at: createdAt + input.expiresInSeconds * 1_000,
    note: input.note ? input.note : null,
    revoked_at: null,
    revoked_by: null,
  };
  await db.insertInto("readiness_share_link").values(row).execute();
  return viewOf(row, now, key, viewer);
}

export async function listShareLinks(
  db: StoreDb,
  key: Uint8Array,
  now: number,
  viewer: Viewer,
): Promise<ShareLinkView[]> {
  const rows = await db
    .selectFrom("readiness_share_link")
    .selectAll()
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(LIST_LIMIT)
    .execute();
  return Promise.all(rows.map((r) => viewOf(r, now, key, viewer)));
}

export type RevokeResult = { ok: true; link: ShareLinkView } | { ok: false; status: 403 | 404; message: string };

/** Revokes an active link; revoking one that is already revoked or expired changes nothing. */
export async function revokeShareLink(
  db: StoreDb,
  key: Uint8Array,
  id: string,
  now: number,
  viewer: Viewer,
): Promise<RevokeResult> {
  const row = await db.selectFrom("readiness_share_link").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return { ok: false, status: 404, message: "No such share link." };
  if (!viewer.canManage && row.created_by !== viewer.username) {
    return { ok: false, status: 403, message: "Only the link's creator or an admin may revoke it." };
  }
  if (row.revoked_at === null) {
    await db
      .updateTable("readiness_share_link")
      .set({ revoked_at: now, revoked_by: viewer.username })
      .where("id", "=", id)
      .where("revoked_at", "is", null)
      .execute();
  }
  const after = await db.selectFrom("readiness_share_link").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  return { ok: true, link: await viewOf(after, now, key, viewer) };
}

export type ResolvedShare =
  { ok: true; expiresAt: number } | { ok: false; status: 404 | 410; reason: "invalid" | "expired" | "revoked" };

/** What a public request with `token` may see: the link's expiry, or why it does not work. */
export async function resolveShareToken(
  db: StoreDb,
  key: Uint8Array,
  token: string,
  now: number,
): Promise<ResolvedShare> {
  const verified = await verifyShareToken(token, key, now);
  if (!verified.ok && verified.reason === "invalid") return { ok: false, status: 404, reason: "invalid" };
  const row = await db.selectFrom("readiness_share_link").selectAll().where("id", "=", verified.id).executeTakeFirst();
  // A valid signature for a row that is gone (store reset): not ours any more.
  if (!row) return { ok: false, status: 404, reason: "invalid" };
  if (row.revoked_at !== null) return { ok: false, status: 410, reason: "revoked" };
  if (!verified.ok || row.expires_at <= now) return { ok: false, status: 410, reason: "expired" };
  return { ok: true, expiresAt: row.expires_at };
}
