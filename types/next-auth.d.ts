import type { DefaultSession } from "next-auth";
import type { Role } from "@/lib/auth/roles";

declare module "next-auth" {
  interface Session {
    user?: DefaultSession["user"] & { role: Role; username: string };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
    username?: string;
    /** The auth_session row of this sign-in (lib/auth/sessions.ts). */
    sid?: string;
  }
}
