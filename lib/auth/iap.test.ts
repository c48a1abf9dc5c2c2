import http from "node:http";
import { exportJWK, generateKeyPair, SignJWT, createRemoteJWKSet, type CryptoKey, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IAP_HEADER, IAP_ISSUER, iapAssertionEmail, verifyIapAssertion, IapError } from "./iap";

/** A stand-in for Google's key endpoint: a locally generated ES256 key set served on loopback. */
const AUDIENCE = "/projects/123456789/global/backendServices/987654321";
let server: http.Server;
let url = "";
let googleKey: CryptoKey;
let otherKey: CryptoKey;
let jwksRequests = 0;

beforeAll(async () => {
  const pair = await generateKeyPair("ES256", { extractable: true });
  googleKey = pair.privateKey;
  otherKey = (await generateKeyPair("ES256")).privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "ES256", use: "sig" };
  server = http.createServer((_req, res) => {
    jwksRequests++;
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/iap/verify/public_key-jwk`;
});
afterAll(() => new Promise((r) => server.close(r)));

const sign = (
  claims: Record<string, unknown>,
  o: { key?: CryptoKey; kid?: string; iss?: string; aud?: string; exp?: string | number } = {},
) =>
  new SignJWT({ email: "alice@example.com", ...claims })
    .setProtectedHeader({ alg: "ES256", kid: o.kid ?? "k1" })
    .setIssuer(o.iss ?? IAP_ISSUER)
    .setAudience(o.aud ?? AUDIENCE)
    .setSubject("accounts.google.com:1234")
    .setIssuedAt()
    .setExpirationTime(o.exp ?? "10m")
    .sign(o.key ?? googleKey);

const opts = (allowedDomains: string[] = []) => ({
  keys: createRemoteJWKSet(new URL(url)),
  audience: AUDIENCE,
  allowedDomains,
});

describe("verifyIapAssertion", () => {
  it("accepts a token signed with the published key, for this audience, from IAP's issuer", async () => {
    expect(await verifyIapAssertion(await sign({ email: "Alice@Example.com" }), opts())).toEqual({
      email: "alice@example.com",
      subject: "accounts.google.com:1234",
    });
    expect(jwksRequests).toBeGreaterThan(0);
  });

  it.each([
    ["another audience", { aud: "/projects/1/global/backendServices/2" }, /ERR_JWT_CLAIM_VALIDATION_FAILED/],
    ["another issuer", { iss: "https://accounts.google.com" }, /ERR_JWT_CLAIM_VALIDATION_FAILED/],
    ["an expired token", { exp: Math.floor(Date.now() / 1000) - 120 }, /ERR_JWT_EXPIRED/],
  ])("refuses %s", async (_name, o, why) => {
    await expect(verifyIapAssertion(await sign({}, o), opts())).rejects.toThrow(why);
  });

  it("refuses a token signed by a key not in the key set, even with a known key id", async () => {
    await expect(verifyIapAssertion(await sign({}, { key: otherKey }), opts())).rejects.toThrow(
      /ERR_JWS_SIGNATURE_VERIFICATION_FAILED/,
    );
    await expect(verifyIapAssertion(await sign({}, { key: otherKey, kid: "unknown" }), opts())).rejects.toThrow(
      /ERR_JWKS_NO_MATCHING_KEY/,
    );
  });

  it("refuses another algorithm (HS256 with a guessable secret, or none)", async () => {
    const hs = await new SignJWT({ email: "mallory@example.com" })
      .setProtectedHeader({ alg: "HS256", kid: "k1" })
      .setIssuer(IAP_ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode("x".repeat(32)));
    await expect(verifyIapAssertion(hs, opts())).rejects.toThrow(IapError);
    const none = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(JSON.stringify({ email: "m@example.com", iss: IAP_ISSUER, aud: AUDIENCE })).toString("base64url")}.`;
    await expect(verifyIapAssertion(none, opts())).rejects.toThrow(IapError);
  });

  it.each([[undefined], [""], [42], ["not.a.jwt"], ["x".repeat(9000)]])(
    "refuses a missing or malformed header %#",
    async (value) => {
      await expect(verifyIapAssertion(value, opts())).rejects.toThrow(IapError);
    },
  );

  it("refuses a token without an email, and an email outside AUTH_ALLOWED_DOMAINS", async () => {
    await expect(verifyIapAssertion(await sign({ email: undefined }), opts())).rejects.toThrow(/no valid email/);
    await expect(verifyIapAssertion(await sign({ email: "eve@evil.test" }), opts(["example.com"]))).rejects.toThrow(
      /evil.test is not in AUTH_ALLOWED_DOMAINS/,
    );
    expect((await verifyIapAssertion(await sign({}), opts(["example.com"]))).email).toBe("alice@example.com");
  });
});

describe("iapAssertionEmail (what proxy.ts asks)", () => {
  const settings = () => ({ keys: createRemoteJWKSet(new URL(url)), audience: AUDIENCE, allowedDomains: [] });
  const headers = async (value?: string) => new Headers(value === undefined ? {} : { [IAP_HEADER]: value });

  it("ignores a header, even a valid one, when IAP is not configured", async () => {
    expect(await iapAssertionEmail(await headers(await sign({})), null, Date.now())).toEqual({ kind: "absent" });
  });

  it("leaves a request without the header to the other sign-ins", async () => {
    expect(await iapAssertionEmail(await headers(), settings(), Date.now())).toEqual({ kind: "absent" });
  });

  it("verifies a good header and refuses a present but bad one (an empty one included)", async () => {
    expect(await iapAssertionEmail(await headers(await sign({})), settings(), Date.now())).toEqual({
      kind: "verified",
      email: "alice@example.com",
    });
    for (const bad of ["", "not.a.jwt", await sign({}, { key: otherKey })]) {
      expect((await iapAssertionEmail(await headers(bad), settings(), Date.now())).kind).toBe("refused");
    }
  });
});
