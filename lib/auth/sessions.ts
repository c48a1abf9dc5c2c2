import "server-only";
import { randomBytes } from "node:crypto";
import type { JWT } from "next-auth/jwt";
import { getEnv } from "@/lib/config/env";
import { getStagingConfig } from "@/lib/config/staging-config";
import { getStore, type StoreDb } from "@/lib/store/db";
import { blockEmail } from "./blocks";
import { forgetUser } from "./forget";
import type { Role } from "./roles";
import { SESSION_ABSOLUTE_MS, SESSION_RECHECK_MS, SESSION_TOUCH_MS, sessionState } from "./session-rules";
import type { SessionView } from "./session-views";
import { findUser } from "./users";
import { roleOfVerifiedEmail } from "./verified-email";
import { processSingleton } from "@/lib/base/singleton";

/** `via: "iap"`: signed in by Identity-Aware Proxy's header on this request, not by a cookie. */
export type SessionUser = { username: string; name: string; role: Role; via?: "iap" };
export type Provider = "credentials" | "google" | "iap";

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

/**
 * Ends a session for every copy of its cookie. An IAP session ended by someone else also
 * shuts its address out (lib/auth/blocks.ts, decision 0020): IAP would otherwise sign the
 * user in again on their very next request. Ending one's own IAP session is a sign-out.
 */
export async function revokeSession(db: StoreDb, id: string, by: string, now: number): Promise<boolean> {
  const row = await db
    .selectFrom("auth_session")
    .select(["username", "provider"])
    .where("id", "=", id)
    .executeTakeFirst();
  const r = await db
    .updateTable("auth_session")
    .set({ revoked_at: now, revoked_by: by })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  const ended = Number(r.numUpdatedRows) > 0;
  if (ended && row?.provider === "iap") {
    // Two replicas may each have started a row for the address at the same moment; the
    // address has one IAP session, so all of them end (or the next request would find the other).
    await db
      .updateTable("auth_session")
      .set({ revoked_at: now, revoked_by: by })
      .where("username", "=", row.username)
      .where("provider", "=", "iap")
      .where("revoked_at", "is", null)
      .execute();
    if (row.username !== by) await blockEmail(db, row.username, by, now);
  }
  forget(id);
  if (row) forgetUser(row.username);
  return ended;
}

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
 * Google users exist while the config gives their address a role (lib/auth/verified-email.ts).
 * An IAP session never stands behind a cookie: only a verified assertion shows it (iap-session.ts).
 */
export function currentIdentity(username: string, provider: string): { name: string; role: Role } | null {
  if (provider === "credentials") {
    const user = findUser(username);
    return user ? { name: user.name, role: user.role } : null;
  }
  if (provider === "google") {
    // As at sign-in (options.ts roleForEmail): for Google, no allowed domain means nobody.
    const allowedDomains = getEnv().AUTH_ALLOWED_DOMAINS;
    const { roles, defaultRole } = getStagingConfig().auth;
    const role =
      allowedDomains.length > 0 ? roleOfVerifiedEmail(username, { roles, defaultRole, allowedDomains }) : null;
    return role ? { name: username, role } : null;
  }
  return null;
}

type Identify = (username: string, provider: string) => { name: string; role: Role } | null;
type Cached = { at: number; user: SessionUser | null };

/**
 * Looks at sessions in one store, trusting each look for SESSION_RECHECK_MS: long enough to
 * share one read among the burst of requests a page load makes, short enough that sign-out or
 * revocation on another replica ends the session here within it (decision 0020).
 */
export function sessionChecker(db: () => Promise<StoreDb>, identify: Identify) {
  const cache = new Map<string, Cached>();
  return {
    async check(sid: string, now: number): Promise<SessionUser | null> {
      const hit = cache.get(sid);
      if (hit && now - hit.at < SESSION_RECHECK_MS) return hit.user;
      const user = await lookUpSession(await db(), sid, now, identify);
      if (cache.size > 10_000) cache.clear();
      cache.set(sid, { at: now, user });
      return user;
    },
    forget(sid: string): void {
      cache.delete(sid);
    },
  };
}

const checker = processSingleton("sessions", () => sessionChecker(async () => (await getStore()).db, currentIdentity));
function forget(id: string): void {
  checker.forget(id);
}

/**
 * The user behind a session token, or null when its session is revoked, expired, idle or
 * unknown, or its user no longer exists.
 */
export async function sessionUser(token: Pick<JWT, "sid">, now: number): Promise<SessionUser | null> {
  const sid = token.sid;
  if (typeof sid !== "string" || !sid) return null;
  return checker.check(sid, now);
}

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
