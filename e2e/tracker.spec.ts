import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { storageStateFor } from "./stack-state";
import { SAME_ORIGIN } from "./same-origin";

// The stack runs the emulator in `incident` and the seed's staging.config.json (#1278).

type TrackerJson = { phases: { id: string; actions: { id: string; version: number; status: string }[] }[] };

async function actionVersion(page: Page, phaseId: string, actionId: string): Promise<number> {
  const res = await page.request.get("/api/tracker");
  expect(res.status()).toBe(200);
  const body = (await res.json()) as TrackerJson;
  const action = body.phases.find((p) => p.id === phaseId)?.actions.find((a) => a.id === actionId);
  if (!action) throw new Error(`no action ${phaseId}/${actionId}`);
  return action.version;
}

const phaseItems = (page: Page) => page.getByRole("list", { name: "Phases" }).locator(":scope > li");

test.describe("as a viewer", () => {
  test.use({ storageState: storageStateFor("leader") });

  test("shows the seed's Five Whys as a chain and its three phases with their gates", async ({ page }) => {
    await page.goto("/tracker");
    await expect(page.getByRole("heading", { level: 1, name: "Resolution tracker" })).toBeVisible();
    const whys = page.getByRole("list", { name: "Five Whys" }).locator(":scope > li");
    await expect(whys).toHaveCount(5);
    await expect(whys.nth(0)).toContainText("Why are services failing to start?");
    await expect(whys.nth(0)).toContainText("Database connection timeouts during Cloud SQL initialization");
    await expect(whys.nth(4)).toContainText(
      "Cloud SQL + VPC connector capacity planning missed concurrent startup requirements",
    );
    await expect(whys.nth(1).getByRole("link")).toHaveAttribute("href", /^\/connector/);

    await expect(phaseItems(page)).toHaveCount(3);
    await expect(page.getByRole("heading", { level: 3 })).toHaveText([
      "Phase 1: Infrastructure Resolution",
      "Phase 2: Application Cleanup",
      "Phase 3: Validation",
    ]);
    await expect(page.getByTestId("phase-application-cleanup")).toContainText(
      "waits for Infrastructure Resolution (phase 1) to be done",
    );
    await expect(page.getByTestId("tracker-progress")).toHaveText("0 of 3 phases done");
    await page.screenshot({ path: "test-results/screenshots/tracker-viewer.png", fullPage: true });
  });

  test("the first paint comes from the server with the data in it", async ({ page }) => {
    const res = await page.request.get("/tracker");
    expect(res.status()).toBe(200);
    const html = await res.text();
    expect(html).toContain("Database connection timeouts during Cloud SQL initialization");
    expect(html).toContain('data-testid="criterion-startup-success"');
    expect(html).toContain('data-testid="phase-validation"');
  });

  test("has no serious or critical accessibility violations", async ({ page }) => {
    await page.goto("/tracker");
    await expect(page.getByTestId("criterion-startup-success")).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  test("in the incident, phase 1's criterion fails with a measured value, its window and a link to the chart", async ({
    page,
  }) => {
    await page.goto("/tracker");
    const criterion = page.getByTestId("criterion-startup-success");
    await expect(criterion).toHaveAttribute("data-result", "fail");
    await expect(criterion.locator(".badge")).toHaveText("fail");
    await expect(criterion.getByTestId("measured")).toHaveText(/^\d+(\.\d)?%$/);
    await expect(criterion).toContainText("over 1h");
    await expect(criterion).toContainText("evaluated");
    await expect(criterion.getByRole("link", { name: "Start-up success chart" })).toHaveAttribute(
      "href",
      "/startups?range=1h",
    );
    // No probe results yet in this stack for phase 2's uptime criterion: unknown, never pass.
    await expect(page.getByTestId("criterion-real-services-pass")).not.toHaveAttribute("data-result", "pass");
  });

  test("has no edit controls, and the API answers its writes with 403", async ({ page }) => {
    await page.goto("/tracker");
    await expect(page.getByTestId("action-scale-connector")).toBeVisible();
    const main = page.locator("main");
    await expect(main.getByRole("combobox")).toHaveCount(0);
    await expect(main.getByRole("button", { name: /^(Edit|Remove|Add an action)/ })).toHaveCount(0);
    await expect(main.getByRole("button", { name: "Evaluate criteria now" })).toHaveCount(0);

    const patch = await page.request.patch("/api/tracker/phases/infrastructure/actions/scale-connector", {
      headers: SAME_ORIGIN,
      data: { version: 1, status: "done" },
    });
    expect(patch.status()).toBe(403);
    expect(((await patch.json()) as { error: string }).error).toBe("forbidden");
    expect(
      (
        await page.request.patch("/api/tracker/phases/infrastructure", {
          headers: SAME_ORIGIN,
          data: { version: 1, status: "done" },
        })
      ).status(),
    ).toBe(403);
    expect(
      (
        await page.request.post("/api/tracker/phases/infrastructure/actions", {
          headers: SAME_ORIGIN,
          data: { title: "x", owner: "y" },
        })
      ).status(),
    ).toBe(403);
  });
});

test.describe.serial("as an engineer", () => {
  test.use({ storageState: storageStateFor("engineer") });

  test("edits an action's status inline: it persists after a reload and appears in the history", async ({ page }) => {
    await page.goto("/tracker");
    const select = page.getByRole("combobox", { name: "Status of Cloud SQL optimization" });
    await expect(select).toHaveValue("todo");
    await select.selectOption("in-progress");
    const entry = page
      .getByTestId("history-entry")
      .filter({ hasText: '"Cloud SQL optimization": status "todo" → "in-progress"' });
    await expect(entry).toHaveCount(1);
    await expect(entry).toContainText("engineer (engineer)");

    await page.reload();
    await expect(page.getByRole("combobox", { name: "Status of Cloud SQL optimization" })).toHaveValue("in-progress");
    await expect(
      page.getByTestId("history-entry").filter({ hasText: '"Cloud SQL optimization": status "todo" → "in-progress"' }),
    ).toHaveCount(1);
  });

  test("a viewer sees the engineer's change, read-only", async ({ browser }) => {
    const viewer = await browser.newContext({ storageState: storageStateFor("leader") });
    const page = await viewer.newPage();
    await page.goto("/tracker");
    await expect(page.getByTestId("action-cloudsql-optimization")).toContainText("in progress");
    await expect(page.getByTestId("action-cloudsql-optimization").getByRole("combobox")).toHaveCount(0);
    await viewer.close();
  });

  test("two edits based on the same version: the second gets 409 with the current state", async ({ page }) => {
    const version = await actionVersion(page, "infrastructure", "regional-investigation");
    const url = "/api/tracker/phases/infrastructure/actions/regional-investigation";
    const first = await page.request.patch(url, { headers: SAME_ORIGIN, data: { version, owner: "SRE" } });
    expect(first.status()).toBe(200);
    const second = await page.request.patch(url, { headers: SAME_ORIGIN, data: { version, status: "done" } });
    expect(second.status()).toBe(409);
    const body = (await second.json()) as {
      error: string;
      current: { version: number; owner: string; status: string };
    };
    expect(body.error).toBe("stale_version");
    expect(body.current).toMatchObject({ version: version + 1, owner: "SRE", status: "todo" });
  });

  test("bad input gets 400 naming the field", async ({ page }) => {
    const version = await actionVersion(page, "infrastructure", "scale-connector");
    const res = await page.request.patch("/api/tracker/phases/infrastructure/actions/scale-connector", {
      headers: SAME_ORIGIN,
      data: { version, status: "finished" },
    });
    expect(res.status()).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(
      /^status: status must be one of todo, in-progress, held, done/,
    );
    const due = await page.request.patch("/api/tracker/phases/infrastructure/actions/scale-connector", {
      headers: SAME_ORIGIN,
      data: { version, due: "next week" },
    });
    expect(((await due.json()) as { message: string }).message).toMatch(/^due: /);
  });

  test("the leadership report has the verdict, the criteria with their evidence, and the changes", async ({ page }) => {
    const res = await page.request.get("/api/tracker/report?format=md");
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("text/markdown");
    const md = await res.text();
    expect(md).toContain("**Verdict:** #1278 (P0) is not resolved: 0 of 3 phases done.");
    expect(md).toMatch(/\| Staging achieves >95% startup success rate \| FAIL \| \d+(\.\d)?% \| 1h \|/);
    expect(md).toContain('"Cloud SQL optimization": status "todo" → "in-progress"');
  });
});
