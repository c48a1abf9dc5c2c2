import "server-only";
import { getServerSession, type Session } from "next-auth";
import { getToken } from "next-auth/jwt";
import { headers } from "next/headers";
import type { NextRequest } from "next/server";
import { ApiError, toErrorResponse } from "@/lib/base/api-error";
import { getEnv } from "@/lib/config/env";
import { csrfProblem } from "@/lib/security/csrf";
import { iapIdentity } from "./iap-session";
import { authOptions, secureCookies } from "./options";
import { can, type Permission } from "./roles";
import { ROUTE_ACCESS, type GuardedRoute } from "./route-access";
import { decodeSessionToken } from "./session-token";
import { sessionUser, type SessionUser } from "./sessions";

export type { SessionUser };

/**
 * The signed-in user of a page; null when the session has ended (next-auth's jwt callback
 * checks the store). Behind IAP the request's verified header decides instead: a refused
 * header is nobody, whatever cookie comes with it.
 */
export async function currentUser(): Promise<SessionUser | null> {
  const iap = await iapIdentity(await headers(), Date.now());
  if (iap.kind === "user") return iap.user;
  if (iap.kind === "refused") return null;
  const session: Session | null = await getServerSession(authOptions());
  const user = session?.user;
  if (!user) return null;
  return { username: user.username, name: user.name ?? user.username, role: user.role };
}

/**
 * The user of an API request: behind IAP, its verified header (lib/auth/iap-session.ts);
 * otherwise the token's session must be live in the store (revoked, expired, idle or a
 * removed user is null) and the role is the directory's current one. getServerSession
 * would also re-issue the token on every 30-s poll of every viewer.
 */
export async function requestUser(req: NextRequest): Promise<SessionUser | null> {
  const now = Date.now();
  const iap = await iapIdentity(req.headers, now);
  if (iap.kind === "user") return iap.user;
  if (iap.kind === "refused") return null;
  const token = await getToken({
    req,
    secret: authOptions().secret,
    secureCookie: secureCookies(),
    decode: decodeSessionToken,
  });
  if (!token) return null;
  return sessionUser(token, now);
}

/**
 * How a long-lived answer (the change stream) looks at its caller again: the same rules as
 * `requestUser`, but the cookie is decoded once, so each look is the session check alone
 * (cached for SESSION_RECHECK_MS, shared with every request of that session).
 */
export async function sessionRecheck(req: NextRequest): Promise<() => Promise<SessionUser | null>> {
  const iap = await iapIdentity(req.headers, Date.now());
  if (iap.kind !== "absent") {
    return async () => {
      const again = await iapIdentity(req.headers, Date.now());
      return again.kind === "user" ? again.user : null;
    };
  }
  const token = await getToken({
    req,
    secret: authOptions().secret,
    secureCookie: secureCookies(),
    decode: decodeSessionToken,
  });
  const sid = token?.sid;
  return () => sessionUser({ sid }, Date.now());
}

/** The app's own origin: NEXTAUTH_URL when set (behind a proxy the Host may differ), else the request's. */
export function appOrigin(req: NextRequest): string {
  const configured = getEnv().NEXTAUTH_URL;
  return configured ? new URL(configured).origin : req.nextUrl.origin;
}

type Handler<P> = (req: NextRequest, ctx: { user: SessionUser; params: P }) => Promise<Response>;

/**
 * Wraps a route handler: 401 without a live session; for a state-changing method, 403
 * unless same-origin and 415 unless a body is JSON; 403 without the permission; and every
 * thrown ApiError/ZodError turned into JSON with its status.
 */
export function withAuth<P = Record<string, never>>(permission: Permission, handler: Handler<P>) {
  return async (req: NextRequest, ctx: { params: Promise<P> }): Promise<Response> => {
    try {
      const user = await requestUser(req);
      if (!user) throw new ApiError(401, "unauthenticated", "Sign in first.");
      const csrf = csrfProblem(req.method, req.headers, appOrigin(req));
      if (csrf) throw new ApiError(csrf.status, csrf.code, csrf.message);
      if (!can(user.role, permission)) {
        throw new ApiError(403, "forbidden", `Your role (${user.role}) may not do this: it needs "${permission}".`);
      }
      try {
        return await handler(req, { user, params: await ctx.params });
      } catch (err) {
        throw forAudience(err, user);
      }
    } catch (err) {
      return toErrorResponse(err);
    }
  };
}

/**
 * A route handler guarded by its operation's declared permission (./route-access.ts), so the
 * permission is written once: `export const POST = withAccess("POST /api/probes/{name}/run", …)`.
 * The contract test checks that each route file names its own operation here.
 */
export function withAccess<P = Record<string, never>>(route: GuardedRoute, handler: Handler<P>) {
  return withAuth<P>(ROUTE_ACCESS[route], handler);
}

/**
 * Upstream (Google) failures carry Google's own text and the IAM role to grant: detail for
 * engineers and admins, who can act on it. Viewers get the status and a plain sentence.
 */
export function forAudience(err: unknown, user: SessionUser): unknown {
  if (!(err instanceof ApiError) || !("upstream" in err.extra) || can(user.role, "probes:run")) return err;
  return new ApiError(
    err.status,
    err.code,
    "Google Cloud could not be read just now, so these figures are unknown. An engineer can see why.",
    {},
    err.headers,
  );
}
