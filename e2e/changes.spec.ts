import { expect, test } from "@playwright/test";
import { storageStateFor } from "./stack-state";

// The shared stack runs the emulator's `incident` scenario: the services were deployed 3 min
// before it began (36 h ago), and an engineer's attempt to resize the connector failed 20 min in.

test.describe("what changed (incident)", () => {
  test("an engineer's Changes view lists the deploys with revision, who and outcome, and the failed resize", async ({
    browser,
  }) => {
    const page = await browser.newPage({ storageState: storageStateFor("engineer") });
    await page.goto("/changes?range=7d");
    await expect(page.getByRole("heading", { name: "Changes", level: 1 })).toBeVisible();
    const rows = page.getByTestId("change-row");
    await expect(rows.filter({ hasText: /backend-\d{5}-[a-z]{3} deployed/ })).toHaveCount(1);
    // Cloud Run's DEPLOYMENT_ROLLOUT line: when the deploy's traffic moved.
    await expect(rows.filter({ hasText: /backend-\d{5}-[a-z]{3} deployed/ })).toContainText("traffic moved");
    await expect(rows.filter({ hasText: "deployer@netra-staging.iam.gserviceaccount.com" }).first()).toBeVisible();
    await expect(rows.filter({ hasText: "maria.keller@example.com" }).filter({ hasText: "failed" })).toHaveCount(1);
    // The kind filter lives in the URL.
    await page.getByLabel("Kind").selectOption("connector");
    await expect(page).toHaveURL(/kind=connector/);
    await expect(rows).toHaveCount(1);
    await page.close();
  });

  test("a viewer sees the same changes without anyone's email", async ({ browser }) => {
    const page = await browser.newPage({ storageState: storageStateFor("leader") });
    await page.goto("/changes?range=7d");
    await expect(page.getByTestId("change-row").first()).toBeVisible();
    await expect(page.getByRole("columnheader", { name: "By" })).toHaveCount(0);
    expect(await page.getByTestId("changes").textContent()).not.toMatch(/@/);
    await page.close();
  });

  test("the Start-ups chart marks the deploy before the failures, the revisions side by side", async ({ browser }) => {
    const page = await browser.newPage({ storageState: storageStateFor("engineer") });
    await page.goto("/startups?range=7d");
    await expect(page.getByTestId("changes-note").first()).toContainText(/\d+ changes? to the start-up path marked/);
    await expect(
      page.getByRole("list", { name: "Start-up success rate: marked changes" }).getByRole("link", { name: /deployed/ }),
    ).not.toHaveCount(0);
    await expect(page.getByTestId("revision-lines")).toContainText(
      /backend: backend-\d{5}-[a-z]{3}: \d+\.\d% .* since .*, start-up p95 /,
    );
    await page.close();
  });

  test("the SLO burndowns and the tracker's Five Whys timeline carry the changes too", async ({ browser }) => {
    const page = await browser.newPage({ storageState: storageStateFor("leader") });
    await page.goto("/slo");
    await expect(page.getByTestId("changes-note").first()).toContainText(/start-up path of all services/);
    await page.goto("/tracker");
    await expect(page.getByTestId("incident-changes")).toContainText(/backend-\d{5}-[a-z]{3} deployed/);
    expect(await page.getByTestId("incident-changes").textContent()).not.toMatch(/@/);
    await page.close();
  });
});
