import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signInWithForm } from "./own-stack";
import { DEMO_PASSWORD, DEMO_ROLES, storageStateFor, type DemoUser } from "./stack-state";

const NAV = ["Overview", "Start-ups", "Connector", "Database", "Probes", "SLO", "Tracker", "Demo readiness"];

for (const user of Object.keys(DEMO_ROLES) as DemoUser[]) {
  test.describe(`as ${user}`, () => {
    // A session of its own: signing out ends the session for every copy of its cookie,
    // so signing out of the saved one would sign every later spec out too.
    test("sees the shell with every view, the user and the role, then signs out", async ({ page }) => {
      await signInWithForm(page, "", user, DEMO_PASSWORD, DEMO_ROLES[user]);
      await page.goto("/");
      const nav = page.getByRole("navigation", { name: "Main" });
      for (const label of NAV) await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
      await expect(page.getByTestId("user-name")).toHaveText(user);
      await expect(page.getByTestId("user-role")).toHaveText(DEMO_ROLES[user]);
      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(page).toHaveURL(/\/login/);
      await page.goto("/");
      await expect(page).toHaveURL(/\/login\?callbackUrl=%2F/);
    });
  });
}

test.describe("shell", () => {
  test.use({ storageState: storageStateFor("leader") });

  test("the time range lives in the URL and survives navigation", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("group", { name: "Time range" }).getByRole("button", { name: "24h" }).click();
    await expect(page).toHaveURL(/range=24h/);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tracker" }).click();
    await expect(page).toHaveURL(/\/tracker\?range=24h/);
    await expect(page.getByRole("group", { name: "Time range" }).getByRole("button", { name: "24h" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
  });

  test("light and dark screenshots; the theme toggle follows the cookie", async ({ page }, testInfo) => {
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto("/");
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(bg).toBe(scheme === "light" ? "rgb(247, 248, 250)" : "rgb(13, 17, 23)");
      await testInfo.attach(`shell-${scheme}`, {
        body: await page.screenshot({ fullPage: true }),
        contentType: "image/png",
      });
      await page.screenshot({ path: `test-results/screenshots/shell-${scheme}.png`, fullPage: true });
    }
    await page.emulateMedia({ colorScheme: "light" });
    await page.getByRole("button", { name: /^Theme: system/ }).click();
    await page.getByRole("button", { name: /^Theme: light/ }).click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  });

  test("has no serious or critical accessibility violations", async ({ page }) => {
    await page.goto("/");
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});
