import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { storageStateFor } from "./stack-state";
import { formatPercent } from "@/lib/core/format";

// The shared stack runs the emulator's `incident` scenario: start-ups fail, the connector is
// undersized, and the database logs socket time-outs.

async function noSeriousAxe(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

test.describe("views (incident)", () => {
  test.use({ storageState: storageStateFor("leader") });

  test("Overview: the first paint already carries the verdict and the start-up rate", async ({ page }) => {
    // No JavaScript: what the server rendered is what a slow first load shows.
    const html = await (await page.request.get("/?range=1h")).text();
    expect(html).toContain('data-testid="verdict"');
    expect(html).toMatch(/Start-up success is \d+\.\d%/);
    await page.goto("/?range=1h");
    const verdict = page.getByTestId("verdict");
    await expect(verdict).toHaveAttribute("data-status", /down|degraded/);
    await expect(verdict).toContainText(/as of \d\d:\d\d UTC/);
    await expect(page.getByTestId("startup-rate")).toHaveText(/^\d+\.\d%$/);
    await expect(page.getByTestId("startup-card")).toContainText("target 95%");
    await expect(page.getByRole("img", { name: /Start-up success over the range/ })).toBeVisible();
    await noSeriousAxe(page);
  });

  // Each width reads a range of its own that nothing else reads (custom, 5 h or 4 h to now), so
  // the phone run streams its figures in behind placeholders too instead of finding the
  // desktop run's answers in the server's cache and measuring a page that never waited.
  for (const { viewport, spanHours } of [
    { viewport: { width: 1350, height: 940 }, spanHours: 5 },
    { viewport: { width: 412, height: 915 }, spanHours: 4 },
  ]) {
    test(`Overview at ${viewport.width} px: nothing moves while the figures stream in (layout shift < 0.05)`, async ({
      page,
    }) => {
      await page.setViewportSize(viewport);
      const to = new Date();
      const from = new Date(to.getTime() - spanHours * 3_600_000);
      await page.goto(`/?range=custom&from=${from.toISOString()}&to=${to.toISOString()}`);
      await expect(page.getByTestId("verdict")).toBeVisible();
      await page.waitForLoadState("networkidle");
      const shift = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            let total = 0;
            new PerformanceObserver((list) => {
              for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
                if (!e.hadRecentInput) total += e.value;
            }).observe({ type: "layout-shift", buffered: true });
            setTimeout(() => resolve(total), 500);
          }),
      );
      expect(shift).toBeLessThan(0.05);
    });
  }

  test("the card, the banner and the tracker criterion print the same start-up percentage for the same hour", async ({
    page,
  }) => {
    // The tracker is evaluated on its own clock, so the three agree once they read the same minute's data.
    await expect
      .poll(
        async () => {
          await page.goto("/?range=1h");
          const card = (await page.getByTestId("startup-rate").textContent()) ?? "";
          const banner = (await page.getByTestId("verdict-reasons").textContent()) ?? "";
          const criterion = (await page.getByTestId("phase-card").textContent()) ?? "";
          const inBanner = /Start-up success is (\d+\.\d%)/.exec(banner)?.[1];
          const inCriterion = /measured (\d+\.\d%)/.exec(criterion)?.[1];
          return card && card === inBanner && card === inCriterion
            ? "same"
            : `card ${card}, banner ${inBanner}, criterion ${inCriterion}`;
        },
        { timeout: 90_000, intervals: [5_000] },
      )
      .toBe("same");
  });

  test("figures on screen equal the API's for the same range", async ({ page }) => {
    // The one percent format (truncated to 0.1), as every view prints it.
    const pct = (v: number | null) => formatPercent(v);
    await page.goto("/?range=6h");
    await expect(page.getByTestId("startup-rate")).toHaveText(/%|—/);
    const overview = (await (await page.request.get("/api/overview?range=6h")).json()) as {
      startups: { now: { value: number | null } };
    };
    await expect(page.getByTestId("startup-rate")).toHaveText(pct(overview.startups.now.value));
    await page.goto("/database?range=6h");
    const db = (await (await page.request.get("/api/metrics/database?range=6h")).json()) as {
      backends: { current: { value: { used: number } | null } };
    };
    await expect(page.getByTestId("db-connections-card").locator(".big-number")).toHaveText(
      db.backends.current.value ? String(db.backends.current.value.used) : "—",
    );
    await page.goto("/connector?range=6h");
    const conn = (await (await page.request.get("/api/metrics/connector?range=6h")).json()) as {
      instances: { current: { value: number | null } };
    };
    await expect(page.getByTestId("instances-card").locator(".big-number")).toHaveText(
      conn.instances.current.value === null ? "—" : String(conn.instances.current.value),
    );
  });

  test("Overview → failures by cause → the failing log line in three clicks", async ({ page }) => {
    await page.goto("/?range=1h");
    await page.getByTestId("failures-card").getByRole("link", { name: "Database socket time-out" }).click();
    await expect(page).toHaveURL(/\/startups\?range=1h&cause=db-socket-timeout/);
    const events = page.getByTestId("events");
    await expect(events.getByRole("combobox", { name: "Cause" })).toHaveValue("db-socket-timeout");
    const firstMessage = events.locator("tbody tr").first().getByRole("button");
    await firstMessage.click();
    await expect(events.locator("pre.log-line").first()).toBeVisible();
    await expect(events.getByRole("link", { name: "Open this entry in Logs Explorer" }).first()).toHaveAttribute(
      "href",
      /console\.cloud\.google\.com\/logs\/query/,
    );
  });

  test("Start-ups: charts with the 95% target and a text alternative; the events filter lives in the URL", async ({
    page,
  }) => {
    await page.goto("/startups?range=6h");
    await expect(page.getByTestId("startup-rate-chart")).toContainText("the 95% target");
    await expect(page.getByText("Start-up success rate: data table")).toBeVisible();
    await page.getByTestId("events").getByRole("combobox", { name: "Service" }).selectOption("auth");
    await expect(page).toHaveURL(/service=auth/);
    await expect(page.getByTestId("events").locator("tbody tr").first()).toContainText(/auth|No failure events/);
    await noSeriousAxe(page);
  });

  test("Connector: throughput against the ceiling, instances against min/max, link to the what-if", async ({
    page,
  }) => {
    await page.goto("/connector?range=6h");
    await expect(page.getByTestId("throughput-chart")).toContainText("ceiling");
    await expect(page.getByTestId("instances-card")).toContainText(/min \d+ · max \d+/);
    await expect(page.getByTestId("headroom-card")).toContainText(/%/);
    await expect(page.getByRole("link", { name: /capacity what-if/ })).toHaveAttribute("href", "/what-if");
    await noSeriousAxe(page);
  });

  test("Database: up/down band and connections against max_connections", async ({ page }) => {
    await page.goto("/database?range=6h");
    await expect(page.getByTestId("db-connections-card")).toContainText(/of max_connections \d+/);
    await expect(page.getByTestId("backends-chart")).toContainText("max_connections");
    await noSeriousAxe(page);
  });

  test("one widget's API failing shows its own error card; the rest of the page keeps working", async ({ page }) => {
    await page.route("**/api/events?**", (route) =>
      route.fulfill({
        status: 503,
        contentType: "application/json",
        body: JSON.stringify({ error: "unavailable", message: "Cloud Logging is unavailable" }),
      }),
    );
    // A filter the server does not prefetch makes the browser ask the (failing) API.
    await page.goto("/startups?range=6h&cause=not-a-cause");
    await expect(page.getByRole("alert").filter({ hasText: "Cloud Logging is unavailable" })).toBeVisible();
    await expect(page.getByTestId("startup-rate-chart")).toBeVisible();
  });

  test("an answer cut off mid-body is that widget's failed read, not a crash of the view", async ({ page }) => {
    // The maintenance panel asks from the browser; its 200 arrives with half a body (a dropped
    // connection). Seen in CI as "Cannot destructure property 'running' of null" over the whole page.
    await page.route("**/api/maintenance", (route) =>
      route.fulfill({ status: 200, contentType: "application/json", body: '{"running": [' }),
    );
    await page.goto("/?range=6h");
    await expect(page.getByRole("alert").filter({ hasText: /could not be read/ })).toBeVisible();
    await expect(page.getByTestId("golden-path")).toBeVisible();
    await expect(page.getByText("This view could not be loaded")).toHaveCount(0);
  });

  test("an answer a widget cannot draw fails that widget alone", async ({ page }) => {
    // Valid JSON of the wrong shape (a proxy's answer, a version skew) throws while rendering.
    await page.route("**/api/maintenance", (route) =>
      route.fulfill({ status: 200, contentType: "application/json", body: '{"unexpected": true}' }),
    );
    await page.goto("/?range=6h");
    // The maintenance panel and the golden path (whose marks read the same answer) fail in their cards.
    await expect(
      page
        .getByRole("alert")
        .filter({ hasText: /Could not load this widget/ })
        .first(),
    ).toBeVisible();
    await expect(page.getByTestId("startup-rate")).toHaveText(/%|—/);
    await expect(page.getByText("This view could not be loaded")).toHaveCount(0);
  });
});
