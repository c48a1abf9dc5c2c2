import { expect, test, type Browser } from "@playwright/test";
import { startIapKeyServer, TEST_IAP_AUDIENCE, type IapKeyServer } from "../lib/testing/iap-keys";
import type { OwnStack } from "./own-stack";
import { startIdentityStack } from "./spec-setup";

/**
 * Behind Identity-Aware Proxy, end to end: the built app with IAP_AUDIENCE set and its key set
 * served on loopback, and a browser whose every request carries the header as IAP adds it.
 * Nobody clicks "sign in"; the header is the identity and the config gives the role.
 */
const HEADER = "x-goog-iap-jwt-assertion";

test.describe("Identity-Aware Proxy (loopback key set)", () => {
  let stack: OwnStack;
  let keys: IapKeyServer;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    keys = await startIapKeyServer();
    stack = await startIdentityStack(
      "iap",
      { "ada@example.com": "admin" },
      { IAP_AUDIENCE: TEST_IAP_AUDIENCE, IAP_JWKS_URL: keys.url },
    );
  });
  test.afterAll(async () => {
    await stack?.stop();
    await keys?.close();
  });

  /** A browser context whose every request carries `assertion`, as IAP would add it. */
  const behindIap = async (browser: Browser, assertion: string) =>
    browser.newContext({ extraHTTPHeaders: { [HEADER]: assertion } });

  test("a verified header is the identity: no sign-in page, the role from the config", async ({ browser }) => {
    const ctx = await behindIap(browser, await keys.sign("ada@example.com"));
    const page = await ctx.newPage();
    await page.goto(`${stack.baseURL}/tracker`);
    await expect(page).toHaveURL(`${stack.baseURL}/tracker`);
    await expect(page.getByTestId("user-name")).toHaveText("ada@example.com");
    await expect(page.getByTestId("user-role")).toHaveText("admin");
    const list = await ctx.request.get(`${stack.baseURL}/api/sessions`);
    expect(list.status()).toBe(200);
    const body = (await list.json()) as { sessions: { username: string; provider: string; state: string }[] };
    expect(body.sessions).toContainEqual(
      expect.objectContaining({ username: "ada@example.com", provider: "iap", state: "active" }),
    );
    await ctx.close();
  });

  test("an unlisted address is a viewer: admins' routes answer 403", async ({ browser }) => {
    const ctx = await behindIap(browser, await keys.sign("bob@example.com"));
    const page = await ctx.newPage();
    await page.goto(`${stack.baseURL}/`);
    await expect(page.getByTestId("user-role")).toHaveText("viewer");
    expect((await ctx.request.get(`${stack.baseURL}/api/sessions`)).status()).toBe(403);
    await ctx.close();
  });

  test("a forged header signs nobody in: the page goes to /login, the API answers 401", async ({ browser }) => {
    const ctx = await behindIap(browser, await keys.sign("ada@example.com", { key: keys.otherKey }));
    const page = await ctx.newPage();
    await page.goto(`${stack.baseURL}/`);
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
    await expect(page.getByTestId("iap-refused")).toBeVisible();
    expect((await ctx.request.get(`${stack.baseURL}/api/overview/phases`)).status()).toBe(401);
    await ctx.close();
  });

  test("an admin ending an IAP user's session keeps them out until let back in", async ({ browser }) => {
    const admin = await behindIap(browser, await keys.sign("ada@example.com"));
    const carol = await behindIap(browser, await keys.sign("carol@example.com"));
    const page = await carol.newPage();
    await page.goto(`${stack.baseURL}/`);
    await expect(page.getByTestId("user-name")).toHaveText("carol@example.com");
    const list = (await (
      await admin.request.get(`${stack.baseURL}/api/sessions?username=carol%40example.com`)
    ).json()) as {
      sessions: { id: string; state: string }[];
    };
    const live = list.sessions.find((s) => s.state === "active");
    expect(live).toBeDefined();
    const origin = { origin: stack.baseURL };
    expect(
      (await admin.request.delete(`${stack.baseURL}/api/sessions/${live?.id}`, { headers: origin })).status(),
    ).toBe(200);
    await page.reload();
    await expect(page).toHaveURL(/\/login/);
    expect(
      (
        await admin.request.delete(`${stack.baseURL}/api/sessions/blocks/carol@example.com`, { headers: origin })
      ).status(),
    ).toBe(200);
    await page.goto(`${stack.baseURL}/`);
    await expect(page.getByTestId("user-name")).toHaveText("carol@example.com");
    await admin.close();
    await carol.close();
  });
});
