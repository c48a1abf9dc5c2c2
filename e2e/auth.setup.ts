import { expect, test as setup } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_ROLES, storageStateFor, type DemoUser } from "./stack-state";

// Signs every demo user in once, through the real login form, and saves the session.
for (const user of Object.keys(DEMO_ROLES) as DemoUser[]) {
  setup(`sign in as ${user}`, async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Username").fill(user);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("user-role")).toHaveText(DEMO_ROLES[user]);
    await page.context().storageState({ path: storageStateFor(user) });
  });
}
