import { expect, test } from "@playwright/test";
import { startOidcStandIn } from "./oidc-standin";
import type { OwnStack } from "./own-stack";
import { startIdentityStack } from "./spec-setup";

/**
 * Google sign-in end to end against a local OpenID Connect stand-in: next-auth's Google
 * provider, pointed at it by GOOGLE_OIDC_ISSUER, runs the real code flow (PKCE, state, an
 * RS256 ID token checked against the JWKS), then the app's rules apply.
 */
test.describe("Google sign-in (OIDC stand-in)", () => {
  let stack: OwnStack;
  let standIn: Awaited<ReturnType<typeof startOidcStandIn>>;
  const client = { id: "stagewatch-e2e.apps.example", secret: "e2e-client-secret-0123456789" };

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    standIn = await startOidcStandIn(client);
    stack = await startIdentityStack(
      "oidc",
      { "boss@example.com": "admin", "dev@example.com": "engineer" },
      {
        GOOGLE_CLIENT_ID: client.id,
        GOOGLE_CLIENT_SECRET: client.secret,
        GOOGLE_OIDC_ISSUER: standIn.issuer,
        AUTH_ALLOWED_DOMAINS: "example.com",
      },
    );
  });
  test.afterAll(async () => {
    await stack?.stop();
    await standIn?.stop();
  });

  const signInWithGoogle = async (page: import("@playwright/test").Page) => {
    await page.goto(`${stack.baseURL}/login`);
    await page.getByRole("button", { name: "Sign in with Google" }).click();
  };

  for (const [email, role] of [
    ["boss@example.com", "admin"],
    ["dev@example.com", "engineer"],
    ["someone@example.com", "viewer"],
  ] as const) {
    test(`${email}, verified, in an allowed domain, signs in as ${role}`, async ({ page }) => {
      standIn.setNextUser({ email, emailVerified: true, name: email });
      await signInWithGoogle(page);
      await expect(page.getByTestId("user-role")).toHaveText(role);
    });
  }

  test("an unverified email is refused", async ({ page }) => {
    standIn.setNextUser({ email: "boss@example.com", emailVerified: false, name: "Unverified" });
    await signInWithGoogle(page);
    await expect(page.locator("#login-error")).toContainText("not allowed");
    expect((await page.request.get(`${stack.baseURL}/api/overview/phases`)).status()).toBe(401);
  });

  test("an email outside the allowed domains is refused", async ({ page }) => {
    standIn.setNextUser({ email: "boss@evil.example", emailVerified: true, name: "Outsider" });
    await signInWithGoogle(page);
    await expect(page.locator("#login-error")).toContainText("not allowed");
    expect((await page.request.get(`${stack.baseURL}/api/overview/phases`)).status()).toBe(401);
  });
});
