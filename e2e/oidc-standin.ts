import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";

/** Who the next sign-in at the stand-in is (what Google would say after the user picked an account). */
export type StandInUser = { email: string; emailVerified: boolean; name: string };

type Grant = {
  user: StandInUser;
  clientId: string;
  redirectUri: string;
  challenge: string | null;
  nonce: string | null;
};

/**
 * A minimal OpenID Connect provider on loopback standing in for accounts.google.com:
 * discovery, an authorization endpoint that approves at once as `nextUser`, a token endpoint
 * (client_secret_basic, PKCE S256, one-time codes) issuing RS256 ID tokens, and the JWKS.
 * The app's Google provider reaches it through GOOGLE_OIDC_ISSUER.
 */
export async function startOidcStandIn(client: { id: string; secret: string }) {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const kid = randomBytes(6).toString("hex");
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  const grants = new Map<string, Grant>();
  let nextUser: StandInUser = { email: "someone@example.com", emailVerified: true, name: "Someone" };
  let issuer = "";

  const json = (res: http.ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    if (url.pathname === "/.well-known/openid-configuration") {
      return json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        token_endpoint_auth_methods_supported: ["client_secret_basic"],
        code_challenge_methods_supported: ["S256"],
      });
    }
    if (url.pathname === "/jwks") return json(res, 200, { keys: [jwk] });
    if (url.pathname === "/authorize") {
      const p = url.searchParams;
      const redirectUri = p.get("redirect_uri");
      if (p.get("client_id") !== client.id || !redirectUri || p.get("response_type") !== "code")
        return json(res, 400, { error: "invalid_request" });
      const code = randomBytes(16).toString("base64url");
      grants.set(code, {
        user: nextUser,
        clientId: client.id,
        redirectUri,
        challenge: p.get("code_challenge"),
        nonce: p.get("nonce"),
      });
      const back = new URL(redirectUri);
      back.searchParams.set("code", code);
      const state = p.get("state");
      if (state) back.searchParams.set("state", state);
      return void res.writeHead(302, { location: back.toString() }).end();
    }
    if (url.pathname === "/token" && req.method === "POST") {
      let raw = "";
      req.on("data", (d: Buffer) => (raw += d.toString()));
      req.on("end", () => {
        void (async () => {
          const form = new URLSearchParams(raw);
          const basic = Buffer.from((req.headers.authorization ?? "").replace(/^Basic /, ""), "base64").toString();
          const [id, secret] = basic.split(":").map((s) => decodeURIComponent(s));
          if (id !== client.id || secret !== client.secret) return json(res, 401, { error: "invalid_client" });
          const code = form.get("code") ?? "";
          const grant = grants.get(code);
          grants.delete(code); // one use only
          if (!grant || form.get("redirect_uri") !== grant.redirectUri)
            return json(res, 400, { error: "invalid_grant" });
          const verifier = form.get("code_verifier") ?? "";
          if (grant.challenge && createHash("sha256").update(verifier).digest("base64url") !== grant.challenge)
            return json(res, 400, { error: "invalid_grant", error_description: "PKCE" });
          const idToken = await new SignJWT({
            email: grant.user.email,
            email_verified: grant.user.emailVerified,
            name: grant.user.name,
            ...(grant.nonce ? { nonce: grant.nonce } : {}),
          })
            .setProtectedHeader({ alg: "RS256", kid })
            .setIssuer(issuer)
            .setAudience(grant.clientId)
            .setSubject(createHash("sha256").update(grant.user.email).digest("hex").slice(0, 21))
            .setIssuedAt()
            .setExpirationTime("10m")
            .sign(privateKey);
          json(res, 200, {
            access_token: randomBytes(16).toString("base64url"),
            token_type: "Bearer",
            expires_in: 600,
            scope: "openid email profile",
            id_token: idToken,
          });
        })();
      });
      return;
    }
    json(res, 404, { error: "not_found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    setNextUser(user: StandInUser) {
      nextUser = user;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
