import "server-only";
import { getEnv } from "@/lib/config/env";
import { getStagingConfig } from "@/lib/config/staging-config";
import { Coalescer } from "@/lib/base/coalesce";
import { processSingleton } from "@/lib/base/singleton";
import { getStore, type StoreDb } from "@/lib/store/db";
import { isBlocked } from "./blocks";
import { iapAssertionEmail, iapSettings, type IapSettings } from "./iap";
import { SESSION_RECHECK_MS, SESSION_TOUCH_MS, sessionState } from "./session-rules";
import { onForgetUser } from "./forget";
import { startSession, type SessionUser } from "./sessions";
import { roleOfVerifiedEmail, type EmailDirectory } from "./verified-email";

/**
 * Behind Identity-Aware Proxy the request's own verified header is the identity: nobody signs
 * in, no cookie is needed (decision 0020). Each request's assertion is verified; the role is
 * read from the config for its address every time; the address's IAP session row (listed and
 * revocable like any other) is found or started, and an admin's block refuses it.
 */

export type IapOutcome =
  /** IAP is off or the request carries no header: other sign-ins decide. */
  | { kind: "absent" }
  /** A header that proves nothing, or an address that may not come in: nobody is signed in. */
  | { kind: "refused"; reason: string }
  | { kind: "user"; user: SessionUser; sid: string };

type Cached = { at: number; sid: string | null };
const sessions = processSingleton("iap-sessions", () => new Map<string, Cached>());
const starting = processSingleton("iap-session-starts", () => new Coalescer<string, string | null>());
onForgetUser((username) => sessions.delete(username));

/**
 * The address's live IAP session id (started when it has none), or null when an admin has
 * blocked the address. Trusted for SESSION_RECHECK_MS, like a cookie's session.
 */
async function iapSessionId(db: StoreDb, email: string, userAgent: string | null, now: number): Promise<string | null> {
  const hit = sessions.get(email);
  if (hit && now - hit.at < SESSION_RECHECK_MS) return hit.sid;
  // One look per address at a time in this process: a page's burst of requests shares it
  // instead of each starting a session.
  const sid = await starting.run(email, async () => {
    if (await isBlocked(db, email)) return null;
    const row = await db
      .selectFrom("auth_session")
      .selectAll()
      .where("username", "=", email)
      .where("provider", "=", "iap")
      .where("revoked_at", "is", null)
      .orderBy("created_at", "desc")
      .limit(1)
      .executeTakeFirst();
    if (row && sessionState(row, now) === "active") {
      if (now - row.last_seen_at >= SESSION_TOUCH_MS) {
        await db.updateTable("auth_session").set({ last_seen_at: now }).where("id", "=", row.id).execute();
      }
      return row.id;
    }
    return startSession(db, { username: email, provider: "iap", userAgent }, now);
  });
  if (sessions.size > 10_000) sessions.clear();
  sessions.set(email, { at: now, sid });
  return sid;
}

export type IapDeps = { settings: IapSettings | null; directory: () => EmailDirectory; db: () => Promise<StoreDb> };

/** The whole IAP rule for one request, with its dependencies passed in (tests use a temporary store). */
export async function iapIdentityWith(headers: Headers, deps: IapDeps, now: number): Promise<IapOutcome> {
  const verified = await iapAssertionEmail(headers, deps.settings, now);
  if (verified.kind !== "verified") return verified;
  const { email } = verified;
  const role = roleOfVerifiedEmail(email, deps.directory());
  if (!role) return { kind: "refused", reason: `${email} has no role in the config.` };
  const sid = await iapSessionId(await deps.db(), email, headers.get("user-agent"), now);
  if (!sid) return { kind: "refused", reason: `${email} has been shut out by an admin.` };
  return { kind: "user", sid, user: { username: email, name: email, role, via: "iap" } };
}

/** The IAP identity of a request, wired to this process's environment, config and store. */
export function iapIdentity(headers: Headers, now: number): Promise<IapOutcome> {
  return iapIdentityWith(
    headers,
    {
      settings: iapSettings(),
      directory: () => {
        const { roles, defaultRole } = getStagingConfig().auth;
        return { roles, defaultRole, allowedDomains: getEnv().AUTH_ALLOWED_DOMAINS };
      },
      db: async () => (await getStore()).db,
    },
    now,
  );
}
