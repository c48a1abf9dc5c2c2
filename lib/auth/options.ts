import "server-only";
import type { NextAuthOptions } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { decodeSessionToken } from "./session-token";
import CredentialsProvider from "next-auth/providers/credentials";
import GoogleProvider from "next-auth/providers/google";
import { z } from "zod";
import { getEnv } from "@/lib/config/env";
import { getStagingConfig } from "@/lib/config/staging-config";
import { getStore } from "@/lib/store/db";
import { safeCallbackUrl } from "./callback-url";
import { isRole, type Role } from "./roles";
import { SESSION_ABSOLUTE_MS } from "./session-rules";
import { revokeSession, sessionUser, startSession } from "./sessions";
import { verifyPassword } from "./users";
import { roleOfVerifiedEmail } from "./verified-email";

const credentialsSchema = z.object({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(256),
});

/**
 * The config's role for a verified Google address now, or null when it may not sign in.
 * Unlike IAP (whose own policy already chose who gets through), Google vouches for anyone with
 * an account, so an empty AUTH_ALLOWED_DOMAINS admits nobody (env.ts also refuses to start so).
 */
export function roleForEmail(email: string): Role | null {
  const allowedDomains = getEnv().AUTH_ALLOWED_DOMAINS;
  if (allowedDomains.length === 0) return null;
  const { roles, defaultRole } = getStagingConfig().auth;
  return roleOfVerifiedEmail(email, { roles, defaultRole, allowedDomains });
}

function providers(): NextAuthOptions["providers"] {
  const env = getEnv();
  const list: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Username and password",
      credentials: { username: { label: "Username", type: "text" }, password: { label: "Password", type: "password" } },
      // Throttled before this runs (lib/auth/sign-in-throttle.ts, in the route).
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new Error("Enter a username and a password.");
        const { username, password } = parsed.data;
        const user = await verifyPassword(username, password);
        if (!user) throw new Error("Wrong username or password.");
        return { id: user.username, name: user.name, email: null, role: user.role };
      },
    }),
  ];
  if (env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET) {
    // GOOGLE_OIDC_ISSUER points the same provider (and its rules below) at a stand-in issuer.
    const wellKnown = env.GOOGLE_OIDC_ISSUER
      ? new URL(".well-known/openid-configuration", `${env.GOOGLE_OIDC_ISSUER.replace(/\/$/, "")}/`).toString()
      : undefined;
    list.push(
      GoogleProvider({
        clientId: env.GOOGLE_CLIENT_ID,
        clientSecret: env.GOOGLE_CLIENT_SECRET,
        ...(wellKnown ? { wellKnown } : {}),
      }),
    );
  }
  // Behind Identity-Aware Proxy there is no sign-in at all: every request's verified header
  // is its identity (lib/auth/iap-session.ts, decision 0020).
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

export function secureCookies(): boolean {
  return getEnv().NEXTAUTH_URL?.startsWith("https://") ?? false;
}

/** next-auth's own redirects (after sign-in and sign-out) follow the same rule as the login page. */
export function sameOriginRedirect(url: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  let path = url;
  if (!url.startsWith("/")) {
    try {
      const parsed = new URL(url);
      if (parsed.origin !== base.origin) return baseUrl;
      path = `${parsed.pathname}${parsed.search}${parsed.hash}`;
    } catch {
      return baseUrl;
    }
  }
  // /login is a fine destination after sign-out; safeCallbackUrl refuses it only as a sign-in target.
  const safe = path === "/login" ? path : safeCallbackUrl(path);
  return `${base.origin}${safe}`;
}

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  cached ??= {
    secret: getEnv().NEXTAUTH_SECRET,
    // The cookie's own expiry is renewed by next-auth on every session poll; the session's
    // real lifetime (12 h from sign-in, the idle timeout, revocation) is its store row.
    session: { strategy: "jwt", maxAge: SESSION_ABSOLUTE_MS / 1000 },
    // next-auth writes the token; it is read with the key derived once (lib/auth/session-token.ts).
    jwt: { decode: decodeSessionToken },
    // Secure (and __Secure-/__Host- prefixed) cookies whenever the app is served over https.
    useSecureCookies: secureCookies(),
    pages: { signIn: "/login", error: "/login" },
    providers: providers(),
    events: {
      // Sign-out ends the session for every copy of its cookie, not only this browser's.
      async signOut({ token }) {
        if (typeof token?.sid !== "string") return;
        const { db } = await getStore();
        await revokeSession(
          db,
          token.sid,
          typeof token.username === "string" ? token.username : "sign-out",
          Date.now(),
        );
      },
    },
    callbacks: {
      async redirect({ url, baseUrl }) {
        return sameOriginRedirect(url, baseUrl);
      },
      async signIn({ account, profile }) {
        if (account?.provider !== "google") return true;
        const email = profile?.email;
        const verified = (profile as { email_verified?: boolean } | undefined)?.email_verified === true;
        return Boolean(email && verified && roleForEmail(email));
      },
      async jwt({ token, user, account }) {
        if (user) {
          const role = (user as { role?: unknown }).role;
          const google = account?.provider === "google";
          token.role = isRole(role) ? role : ((google && user.email ? roleForEmail(user.email) : null) ?? "viewer");
          token.username = user.email ?? user.id;
          const { db } = await getStore();
          token.sid = await startSession(
            db,
            { username: token.username, provider: google ? "google" : "credentials" },
            Date.now(),
          );
          return token;
        }
        // Every later use: the session must still be live and its user still exist; the role
        // is re-read. Throwing makes next-auth clear the cookie and answer "no session".
        const current = await sessionUser(token, Date.now());
        if (!current) throw new Error("The session has ended.");
        token.role = current.role;
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
