import "server-only";
import type { NextAuthOptions } from "next-auth";
import type { JWT } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import GoogleProvider from "next-auth/providers/google";
import { z } from "zod";
import { getEnv } from "@/lib/config/env";
import { getStagingConfig } from "@/lib/config/staging-config";
import { iapProvider, iapKeys } from "./iap";
import { FailureLimiter } from "./rate-limit";
import { isRole, type Role } from "./roles";
import { verifyPassword } from "./users";

const credentialsSchema = z.object({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(256),
});

// 5 failed attempts a minute per account from one address, and 30 a minute from one address
// across all accounts (password spraying), so one locked account does not lock out a whole office.
const perAccount = new FailureLimiter(5, 60_000);
const perAddress = new FailureLimiter(30, 60_000);

function clientAddress(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
  const real = headers?.["x-real-ip"];
  return first || (typeof real === "string" ? real : "unknown");
}

export function roleForEmail(email: string): Role {
  return getStagingConfig().auth.roles[email.toLowerCase()] ?? "viewer";
}

export function emailDomainAllowed(email: string, allowed: readonly string[]): boolean {
  const domain = email.toLowerCase().split("@")[1];
  return domain !== undefined && allowed.includes(domain);
}

function providers(): NextAuthOptions["providers"] {
  const env = getEnv();
  const list: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Username and password",
      credentials: { username: { label: "Username", type: "text" }, password: { label: "Password", type: "password" } },
      async authorize(raw, req) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new Error("Enter a username and a password.");
        const { username, password } = parsed.data;
        const now = Date.now();
        const address = clientAddress(req?.headers);
        const accountKey = `${username}|${address}`;
        const wait = Math.max(perAccount.retryAfterMs(accountKey, now), perAddress.retryAfterMs(address, now));
        if (wait > 0) throw new Error(`Too many failed sign-ins. Try again in ${Math.ceil(wait / 1000)} s.`);
        const user = await verifyPassword(username, password);
        if (!user) {
          perAccount.recordFailure(accountKey, now);
          perAddress.recordFailure(address, now);
          throw new Error("Wrong username or password.");
        }
        perAccount.reset(accountKey);
        return { id: user.username, name: user.name, email: null, role: user.role };
      },
    }),
  ];
  if (env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET) {
    list.push(GoogleProvider({ clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET }));
  }
  // Behind Identity-Aware Proxy (lib/auth/iap.ts): IAP's verified identity signs in.
  if (env.IAP_AUDIENCE) {
    list.push(iapProvider({ keys: iapKeys(env.IAP_JWKS_URL), audience: env.IAP_AUDIENCE, allowedDomains: env.AUTH_ALLOWED_DOMAINS, roleFor: roleForEmail }));
  }
  return list;
}

export function googleEnabled(): boolean {
  return Boolean(getEnv().GOOGLE_CLIENT_ID);
}

/** Role and username from a session token: one rule for sessions and for API requests. */
export function identityOf(token: JWT, email?: string | null): { role: Role; username: string } {
  return {
    role: isRole(token.role) ? token.role : "viewer",
    username: typeof token.username === "string" ? token.username : (email ?? token.email ?? ""),
  };
}

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  cached ??= {
    secret: getEnv().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/login", error: "/login" },
    providers: providers(),
    callbacks: {
      async signIn({ account, profile }) {
        if (account?.provider !== "google") return true;
        const email = profile?.email;
        const verified = (profile as { email_verified?: boolean } | undefined)?.email_verified === true;
        return Boolean(email && verified && emailDomainAllowed(email, getEnv().AUTH_ALLOWED_DOMAINS));
      },
      async jwt({ token, user, account }) {
        if (user) {
          const role = (user as { role?: unknown }).role;
          token.role = isRole(role) ? role : account?.provider === "google" && user.email ? roleForEmail(user.email) : "viewer";
          token.username = user.email ?? user.id;
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user) {
          const who = identityOf(token, session.user.email);
          session.user.role = who.role;
          session.user.username = who.username;
        }
        return session;
      },
    },
  };
  return cached;
}
