import http from "node:http";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";
import { IAP_ISSUER } from "@/lib/auth/iap";

/**
 * Tests only: a stand-in for Google's IAP key endpoint. A locally generated ES256 key set is
 * served by a real HTTP server on 127.0.0.1, and `sign` makes assertions the way IAP does
 * (or, with options, the ways a forger or a misconfigured proxy would).
 */
export const TEST_IAP_AUDIENCE = "/projects/123456789/global/backendServices/987654321";

export type SignOptions = { key?: CryptoKey; kid?: string; iss?: string; aud?: string; exp?: string | number };

export interface IapKeyServer {
  url: string;
  /** A key not in the served set. */
  otherKey: CryptoKey;
  sign(email: string | undefined, o?: SignOptions): Promise<string>;
  /** An unsigned token (`alg: none`) with otherwise valid claims. */
  unsigned(email: string): string;
  close(): Promise<void>;
}

export async function startIapKeyServer(): Promise<IapKeyServer> {
  const pair = await generateKeyPair("ES256", { extractable: true });
  const otherKey = (await generateKeyPair("ES256")).privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "ES256", use: "sig" };
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("the key server has no port");
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  return {
    url: `http://127.0.0.1:${address.port}/iap/verify/public_key-jwk`,
    otherKey,
    sign: (email, o = {}) =>
      new SignJWT(email === undefined ? {} : { email })
        .setProtectedHeader({ alg: "ES256", kid: o.kid ?? "k1" })
        .setIssuer(o.iss ?? IAP_ISSUER)
        .setAudience(o.aud ?? TEST_IAP_AUDIENCE)
        .setSubject(`accounts.google.com:${email ?? "0"}`)
        .setIssuedAt()
        .setExpirationTime(o.exp ?? "10m")
        .sign(o.key ?? pair.privateKey),
    unsigned: (email) => {
      const now = Math.floor(Date.now() / 1000);
      const claims = {
        email,
        sub: `accounts.google.com:${email}`,
        iss: IAP_ISSUER,
        aud: TEST_IAP_AUDIENCE,
        iat: now,
        exp: now + 600,
      };
      return `${b64({ alg: "none", kid: "k1" })}.${b64(claims)}.`;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
