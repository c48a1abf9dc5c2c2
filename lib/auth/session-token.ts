import { hkdfSync } from "node:crypto";
import { jwtDecrypt } from "jose";
import { LRUCache } from "lru-cache";
import type { JWT, JWTDecodeParams } from "next-auth/jwt";

/**
 * next-auth's own session-token decoding (A256GCM "dir" JWE, 15 s clock tolerance on `exp`),
 * without its per-call cost.
 *
 * next-auth's `decode` runs HKDF-SHA256 on every call and every signed-in request decodes the
 * cookie twice (proxy.ts, then withAuth): key derivation, then WebCrypto's decryption, were
 * the largest costs of a warm /api/overview. The key depends only on the secret and salt, so
 * it is derived once; a token that decrypted is remembered for a minute by its exact text, so
 * a viewer polling every few seconds decrypts once a minute. Its `exp` is checked again on
 * every read, so a remembered token still expires on time; whether its session is still live
 * (revoked, idle, user removed) is not the token's business — lib/auth/sessions.ts checks the
 * store on every API request. A token that fails is never remembered. Tokens are written by
 * next-auth's unchanged `encode`, so both sides stay compatible (session-token.test.ts).
 */
const INFO = "NextAuth.js Generated Encryption Key";
const CLOCK_TOLERANCE_S = 15;
const keys = new Map<string, Uint8Array>();
const decoded = new LRUCache<string, JWT>({ max: 2_000, ttl: 60_000 });

function secretId(secret: string | Buffer, salt: string): string {
  return `${salt}\0${typeof secret === "string" ? secret : secret.toString("base64")}`;
}

function encryptionKey(id: string, secret: string | Buffer, salt: string): Uint8Array {
  let key = keys.get(id);
  if (!key) {
    key = new Uint8Array(hkdfSync("sha256", secret, salt, salt ? `${INFO} (${salt})` : INFO, 32));
    keys.set(id, key);
  }
  return key;
}

function expired(payload: JWT, nowMs: number): boolean {
  return typeof payload.exp === "number" && payload.exp + CLOCK_TOLERANCE_S <= Math.floor(nowMs / 1000);
}

export async function decodeSessionToken({ token, secret, salt = "" }: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  const id = secretId(secret, salt);
  const cacheKey = `${id}\0${token}`;
  const hit = decoded.get(cacheKey);
  if (hit) {
    // A copy: next-auth's jwt callback may add fields to the token it is handed.
    if (!expired(hit, Date.now())) return { ...hit };
    decoded.delete(cacheKey);
  }
  const { payload } = await jwtDecrypt(token, encryptionKey(id, secret, salt), {
    clockTolerance: CLOCK_TOLERANCE_S,
  });
  decoded.set(cacheKey, { ...(payload as JWT) });
  return payload as JWT;
}
