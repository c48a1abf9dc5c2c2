import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): every delivery carries
 * `webhook-id` (the same on every retry, so receivers drop repeats), `webhook-timestamp`
 * (Unix seconds of this attempt) and `webhook-signature` = "v1," + base64 HMAC-SHA256 over
 * `${id}.${timestamp}.${body}`, keyed with the base64 part of a `whsec_…` secret. Receivers
 * verify it with the official libraries or the few lines in docs/notifications.md.
 */

const PREFIX = "whsec_";

/** The HMAC key of a `whsec_<base64>` secret (a secret without the prefix is used as its bytes). */
export function secretKey(secret: string): Buffer {
  return secret.startsWith(PREFIX) ? Buffer.from(secret.slice(PREFIX.length), "base64") : Buffer.from(secret, "utf8");
}

export function signature(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac("sha256", secretKey(secret)).update(`${id}.${timestampSeconds}.${body}`).digest("base64");
  return `v1,${mac}`;
}

export type SignedHeaders = { "webhook-id": string; "webhook-timestamp": string; "webhook-signature": string };

export function signedHeaders(secret: string, id: string, nowMs: number, body: string): SignedHeaders {
  const ts = Math.floor(nowMs / 1000);
  return { "webhook-id": id, "webhook-timestamp": String(ts), "webhook-signature": signature(secret, id, ts, body) };
}

/** Receiver side: true when one of the space-separated v1 signatures matches and the timestamp is within `toleranceSeconds`. */
export function verify(
  secret: string,
  headers: Record<string, string | undefined>,
  body: string,
  nowMs: number,
  toleranceSeconds = 300,
): boolean {
  const id = headers["webhook-id"];
  const ts = Number(headers["webhook-timestamp"]);
  const given = headers["webhook-signature"];
  if (!id || !Number.isInteger(ts) || !given) return false;
  if (Math.abs(nowMs / 1000 - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(signature(secret, id, ts, body));
  return given.split(" ").some((s) => {
    const b = Buffer.from(s);
    return b.length === expected.length && timingSafeEqual(b, expected);
  });
}
