import { expect, test } from "@playwright/test";
import { storageStateFor } from "./stack-state";

// `npm run screenshots`: every view in light and dark under test-results/screenshots/, for people
// to look at. It checks nothing a spec does not, so it is no test and stays out of npm test and
// `npm run test:e2e` (playwright.config.ts runs it only with STAGEWATCH_SCREENSHOTS=1).

test.use({ storageState: storageStateFor("leader") });

test("screenshots of every view, light and dark", async ({ page }) => {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const view of ["", "startups", "connector", "database"]) {
      await page.goto(`/${view}?range=6h`);
      await expect(page.locator("main h1")).toBeVisible();
      await page.screenshot({ path: `test-results/screenshots/${view || "overview"}-${scheme}.png`, fullPage: true });
    }
  }
});
