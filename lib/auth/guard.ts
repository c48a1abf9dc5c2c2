import "server-only";
import { getServerSession, type Session } from "next-auth";
import type { NextRequest } from "next/server";
import { ApiError, toErrorResponse } from "@/lib/api/errors";
import { authOptions } from "./options";
import { can, type Permission, type Role } from "./roles";

export type SessionUser = { username: string; name: string; role: Role };

export async function currentUser(): Promise<SessionUser | null> {
  const session: Session | null = await getServerSession(authOptions());
  const user = session?.user;
  if (!user) return null;
  return { username: user.username, name: user.name ?? user.username, role: user.role };
}

type Handler<P> = (req: NextRequest, ctx: { user: SessionUser; params: P }) => Promise<Response>;

/**
 * Wraps a route handler: 401 without a session, 403 without the permission, and every
 * thrown ApiError/ZodError turned into JSON with its status.
 */
export function withAuth<P = Record<string, never>>(permission: Permission, handler: Handler<P>) {
  return async (req: NextRequest, ctx: { params: Promise<P> }): Promise<Response> => {
    try {
      const user = await currentUser();
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
