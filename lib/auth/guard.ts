import "server-only";
import { getServerSession, type Session } from "next-auth";
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { ApiError, toErrorResponse } from "@/lib/api/errors";
import { authOptions, identityOf } from "./options";
import { can, type Permission, type Role } from "./roles";

export type SessionUser = { username: string; name: string; role: Role };

export async function currentUser(): Promise<SessionUser | null> {
  const session: Session | null = await getServerSession(authOptions());
  const user = session?.user;
  if (!user) return null;
  return { username: user.username, name: user.name ?? user.username, role: user.role };
}

/**
 * The user of an API request, from its session token alone. getServerSession would also
 * re-issue the token (key derivations and an encryption) on every 30-s poll of every viewer;
 * the session's expiry is still checked when the token is decrypted.
 */
export async function requestUser(req: NextRequest): Promise<SessionUser | null> {
  const token = await getToken({ req, secret: authOptions().secret });
  if (!token) return null;
  const { role, username } = identityOf(token);
  return { username, name: token.name ?? username, role };
}

type Handler<P> = (req: NextRequest, ctx: { user: SessionUser; params: P }) => Promise<Response>;

/**
 * Wraps a route handler: 401 without a session, 403 without the permission, and every
 * thrown ApiError/ZodError turned into JSON with its status.
 */
export function withAuth<P = Record<string, never>>(permission: Permission, handler: Handler<P>) {
  return async (req: NextRequest, ctx: { params: Promise<P> }): Promise<Response> => {
    try {
      const user = await requestUser(req);
      if (!user) throw new ApiError(401, "unauthenticated", "Sign in first.");
      if (!can(user.role, permission)) {
        throw new ApiError(403, "forbidden", `Your role (${user.role}) may not do this: it needs "${permission}".`);
      }
      return await handler(req, { user, params: await ctx.params });
    } catch (err) {
      return toErrorResponse(err);
    }
  };
}
