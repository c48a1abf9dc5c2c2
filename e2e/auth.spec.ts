import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "./stack-state";

test.describe("signed out", () => {
  test("a page redirects to /login with the callbackUrl, and signing in returns there", async ({ page }) => {
    await page.goto("/tracker?range=24h");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Ftracker%3Frange%3D24h/);
    await page.getByLabel("Username").fill("engineer");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/tracker\?range=24h/);
  });

  test("a wrong password says so", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Username").fill("leader");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("#login-error")).toHaveText("Wrong username or password.");
  });

  test("failed sign-ins are rate limited per account", async ({ page }) => {
    await page.goto("/login");
    // A user that exists only for this test's counter: the limiter counts unknown names too.
    for (let i = 0; i < 5; i++) {
      await page.getByLabel("Username").fill("ratelimited");
      await page.getByLabel("Password").fill(`wrong-${i}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.locator("#login-error")).toHaveText("Wrong username or password.");
    }
    await page.getByLabel("Password").fill("wrong-again");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("#login-error")).toHaveText(/Too many sign-in attempts\. Try again in \d+ s\./);
  });

  test("API routes answer 401 JSON; /api/health is public", async ({ request }) => {
    const res = await request.get("/api/overview");
    expect(res.status()).toBe(401);
    expect(await res.json()).toMatchObject({ error: "unauthenticated" });
    const health = await request.get("/api/health");
    expect(health.status()).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok" });
  });

  test("responses carry the security headers", async ({ request }) => {
    const res = await request.get("/login");
    const headers = res.headers();
    expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    const cookies = (await request.get("/api/auth/csrf"))
      .headersArray()
      .filter((h) => h.name.toLowerCase() === "set-cookie");
    expect(cookies.length).toBeGreaterThan(0);
    for (const c of cookies) expect(c.value.toLowerCase()).toContain("httponly");
  });
});
