import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from "jose";
import { z } from "zod";
import { getEnv } from "@/lib/config/env";
import { processSingleton } from "@/lib/base/singleton";

/**
 * Identity behind Google's Identity-Aware Proxy (optional; on when IAP_AUDIENCE is set).
 *
 * IAP puts a signed JWT in `x-goog-iap-jwt-assertion` on every request it lets through. The
 * header is trusted only after verifying it: ES256 only (no algorithm confusion), a key from
 * Google's published key set, issuer https://cloud.google.com/iap, and the audience of this
 * backend from the config. Anyone who reaches the container some other way (no header, a
 * forged one) is not signed in by it. This file has no store access, so proxy.ts can use it;
 * the session and role rules are lib/auth/iap-session.ts.
 */

export const IAP_HEADER = "x-goog-iap-jwt-assertion";
export const IAP_ISSUER = "https://cloud.google.com/iap";

export class IapError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IapError";
  }
}

const claimsSchema = z.object({
  email: z.email("the IAP token carries no valid email"),
  sub: z.string().min(1, "the IAP token carries no subject"),
});

export interface IapVerifyOptions {
  keys: JWTVerifyGetKey;
  audience: string;
  /** When not empty, only addresses in these domains are signed in. */
  allowedDomains: readonly string[];
  now?: Date;
}

export async function verifyIapAssertion(
  assertion: unknown,
  opts: IapVerifyOptions,
): Promise<{ email: string; subject: string }> {
  if (typeof assertion !== "string" || assertion.length === 0)
    throw new IapError(`No ${IAP_HEADER} header: this request did not come through IAP.`);
  if (assertion.length > 8_192) throw new IapError("The IAP token is too long.");
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(assertion, opts.keys, {
      algorithms: ["ES256"],
      issuer: IAP_ISSUER,
      audience: opts.audience,
      clockTolerance: 30,
      currentDate: opts.now,
    }));
  } catch (err) {
    const why = err instanceof joseErrors.JOSEError ? err.code : "unreadable";
    throw new IapError(`The IAP token was refused (${why}).`);
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw new IapError(claims.error.issues[0]?.message ?? "bad IAP claims");
  const email = claims.data.email.toLowerCase();
  const domain = email.split("@")[1] ?? "";
  if (opts.allowedDomains.length > 0 && !opts.allowedDomains.includes(domain))
    throw new IapError(`${domain} is not in AUTH_ALLOWED_DOMAINS.`);
  return { email, subject: claims.data.sub };
}

const keySets = processSingleton("iap-key-sets", () => new Map<string, JWTVerifyGetKey>());

/** Google's IAP keys (fetched once, cached by jose and refetched for an unknown key id). */
export function iapKeys(url: string): JWTVerifyGetKey {
  let keys = keySets.get(url);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(url), {
      timeoutDuration: 5_000,
      cooldownDuration: 30_000,
      cacheMaxAge: 3_600_000,
    });
    keySets.set(url, keys);
  }
  return keys;
}

export type IapSettings = Omit<IapVerifyOptions, "now">;

/** IAP's verification settings from the environment, or null when IAP is not configured. */
export function iapSettings(): IapSettings | null {
  const env = getEnv();
  if (!env.IAP_AUDIENCE) return null;
  return { keys: iapKeys(env.IAP_JWKS_URL), audience: env.IAP_AUDIENCE, allowedDomains: env.AUTH_ALLOWED_DOMAINS };
}

/**
 * Only the header check, no store: what proxy.ts asks. A header present while IAP is not
 * configured is ignored ("absent"), never trusted.
 */
export async function iapAssertionEmail(
  headers: Headers,
  settings: IapSettings | null,
  now: number,
): Promise<{ kind: "absent" } | { kind: "refused"; reason: string } | { kind: "verified"; email: string }> {
  const assertion = headers.get(IAP_HEADER);
  if (!settings || assertion === null) return { kind: "absent" };
  try {
    const { email } = await verifyIapAssertion(assertion, { ...settings, now: new Date(now) });
    return { kind: "verified", email };
  } catch (err) {
    if (err instanceof IapError) return { kind: "refused", reason: err.message };
    throw err;
  }
}
