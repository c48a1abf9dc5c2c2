import { createHmac } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";

/**
 * Share-link tokens: HS256 JWTs that name one share link (jti) and its expiry. The signature
 * makes a token unforgeable and lets it expire without a database; the link's row makes it
 * revocable. Audience and subject pin the token to the public readiness view, so it is not
 * a credential for anything else (a session JWT is signed with a different key anyway).
 */

const AUDIENCE = "stagewatch:share";
const SUBJECT = "readiness";
const ALG = "HS256";

/** The signing key: the configured secret, or one derived from NEXTAUTH_SECRET for this purpose only. */
export function shareKey(env: { STAGEWATCH_SHARE_SECRET?: string; NEXTAUTH_SECRET: string }): Uint8Array {
  if (env.STAGEWATCH_SHARE_SECRET) return new TextEncoder().encode(env.STAGEWATCH_SHARE_SECRET);
  return new Uint8Array(
    createHmac("sha256", env.NEXTAUTH_SECRET).update("stagewatch readiness share links v1").digest(),
  );
}

export interface ShareClaims {
  id: string;
  /** Epoch milliseconds; stored and signed in whole seconds. */
  issuedAt: number;
  expiresAt: number;
}

const seconds = (ms: number) => Math.floor(ms / 1_000);

/** Deterministic for the same claims and key, so an active link's URL can be shown again. */
export function signShareToken(claims: ShareClaims, key: Uint8Array): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: ALG })
    .setJti(claims.id)
    .setSubject(SUBJECT)
    .setAudience(AUDIENCE)
    .setIssuedAt(seconds(claims.issuedAt))
    .setExpirationTime(seconds(claims.expiresAt))
    .sign(key);
}

export type VerifiedShareToken =
  { ok: true; id: string } | { ok: false; reason: "invalid" } | { ok: false; reason: "expired"; id: string };

/** Checks signature, audience, subject and expiry at `now`; never throws. */
export async function verifyShareToken(token: string, key: Uint8Array, now: number): Promise<VerifiedShareToken> {
  if (token.length > 2_000) return { ok: false, reason: "invalid" };
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [ALG],
      audience: AUDIENCE,
      subject: SUBJECT,
      currentDate: new Date(now),
      requiredClaims: ["jti", "exp"],
    });
    return typeof payload.jti === "string" ? { ok: true, id: payload.jti } : { ok: false, reason: "invalid" };
  } catch (err) {
    // jose checks the signature before the claims: an expired token here is one we issued.
    if (err instanceof errors.JWTExpired && typeof err.payload.jti === "string")
      return { ok: false, reason: "expired", id: err.payload.jti };
    return { ok: false, reason: "invalid" };
  }
}
