import "server-only";
import { randomBytes } from "node:crypto";
import type { JWT } from "next-auth/jwt";
import { getEnv } from "@/lib/config/env";
import { getStagingConfig } from "@/lib/config/staging-config";
import { getStore, type StoreDb } from "@/lib/store/db";
import type { Role } from "./roles";
import {
  SESSION_ABSOLUTE_MS,
  SESSION_RECHECK_MS,
  SESSION_TOUCH_MS,
  sessionState,
  type SessionState,
} from "./session-rules";
import { findUser } from "./users";
import { processSingleton } from "@/lib/server/singleton";

export type SessionUser = { username: string; name: string; role: Role };
export type Provider = "credentials" | "google";

/** Starts a session row at sign-in; its id goes into the JWT as `sid`. */
export async function startSession(
  db: StoreDb,
  s: { username: string; provider: Provider; userAgent?: string | null },
  now: number,
): Promise<string> {
  const id = randomBytes(18).toString("base64url");
  await db
    .insertInto("auth_session")
    .values({
      id,
      username: s.username,
      provider: s.provider,
      created_at: now,
      last_seen_at: now,
      expires_at: now + SESSION_ABSOLUTE_MS,
      revoked_at: null,
      revoked_by: null,
      user_agent: s.userAgent?.slice(0, 200) ?? null,
    })
    .execute();
  return id;
}

export async function revokeSession(db: StoreDb, id: string, by: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable("auth_session")
    .set({ revoked_at: now, revoked_by: by })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  forget(id);
  return Number(r.numUpdatedRows) > 0;
}

export type SessionView = {
  id: string;
  username: string;
  provider: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  state: SessionState;
  userAgent: string | null;
};

/** Sessions started in the last 12 h (the only ones that can still be active), newest first. */
export async function listSessions(db: StoreDb, now: number, username?: string): Promise<SessionView[]> {
  let q = db
    .selectFrom("auth_session")
    .selectAll()
    .where("created_at", ">", now - SESSION_ABSOLUTE_MS);
  if (username) q = q.where("username", "=", username);
  const rows = await q.orderBy("created_at", "desc").limit(500).execute();
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    provider: r.provider,
    createdAt: new Date(r.created_at).toISOString(),
    lastSeenAt: new Date(r.last_seen_at).toISOString(),
    expiresAt: new Date(r.expires_at).toISOString(),
    state: sessionState(r, now),
    userAgent: r.user_agent,
  }));
}

/**
 * The user as of now, from the directory: a removed user is gone, a changed role applies.
 * Google users exist while their domain is allowed; their role is the config's mapping.
 */
export function currentIdentity(username: string, provider: string): { name: string; role: Role } | null {
  if (provider === "credentials") {
    const user = findUser(username);
    return user ? { name: user.name, role: user.role } : null;
  }
  if (provider === "google") {
    const domain = username.toLowerCase().split("@")[1];
    if (!domain || !getEnv().AUTH_ALLOWED_DOMAINS.includes(domain)) return null;
    return { name: username, role: getStagingConfig().auth.roles[username.toLowerCase()] ?? "viewer" };
  }
  return null;
}

type Cached = { at: number; user: SessionUser | null };
const cache = processSingleton("sessions", () => new Map<string, Cached>());

function forget(id: string): void {
  cache.delete(id);
}

/**
 * The user behind a session token, or null when its session is revoked, expired, idle or
 * unknown, or its user no longer exists. Looked up in the store at most every 30 s per
 * process, so revocation on another replica and role changes apply within that.
 */
export async function sessionUser(token: Pick<JWT, "sid">, now: number): Promise<SessionUser | null> {
  const sid = token.sid;
  if (typeof sid !== "string" || !sid) return null;
  const hit = cache.get(sid);
  if (hit && now - hit.at < SESSION_RECHECK_MS) return hit.user;
  const { db } = await getStore();
  const user = await lookUpSession(db, sid, now, currentIdentity);
  if (cache.size > 10_000) cache.clear();
  cache.set(sid, { at: now, user });
  return user;
}

type Identify = (username: string, provider: string) => { name: string; role: Role } | null;

/** One look at a session in the store (no cache); marks it seen at most once a minute. */
export async function lookUpSession(
  db: StoreDb,
  sid: string,
  now: number,
  identify: Identify,
): Promise<SessionUser | null> {
  const row = await db.selectFrom("auth_session").selectAll().where("id", "=", sid).executeTakeFirst();
  let user: SessionUser | null = null;
  if (row && sessionState(row, now) === "active") {
    const who = identify(row.username, row.provider);
    if (who) user = { username: row.username, name: who.name, role: who.role };
    if (user && now - row.last_seen_at >= SESSION_TOUCH_MS) {
      await db.updateTable("auth_session").set({ last_seen_at: now }).where("id", "=", sid).execute();
    }
  }
  return user;
}
