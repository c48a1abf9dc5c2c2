import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { storageStateFor } from "./stack-state";
import { SAME_ORIGIN } from "./same-origin";

// The seed config's targets; the emulator (incident scenario) stands in for all but analytics.
const TARGETS = ["backend-health", "auth-health", "backend-websocket", "cloudsql-socket", "analytics"];

type Summary = { name: string; status: string; lastCheckedAt: string | null };

/** Polls the API until `probe` has a result (first runs are spread over one interval, up to 60 s). */
async function waitForResult(request: APIRequestContext, probe: string): Promise<Summary> {
  let found: Summary | undefined;
  await expect
    .poll(
      async () => {
        const res = await request.get("/api/probes");
        const body = (await res.json()) as { probes: Summary[] };
        found = body.probes.find((p) => p.name === probe);
        return found?.lastCheckedAt ?? null;
      },
      { timeout: 80_000, intervals: [1_000, 2_000] },
    )
    .not.toBeNull();
  if (!found) throw new Error(`no summary for ${probe}`);
  return found;
}

test.describe("probes as a viewer", () => {
  test.use({ storageState: storageStateFor("leader") });

  test("lists every target, and analytics on port 8002 is missing, not down", async ({ page }) => {
    test.setTimeout(120_000);
    expect((await waitForResult(page.request, "analytics")).status).toBe("missing");
    await page.goto("/probes");
    await expect(page.getByRole("heading", { name: "Probes", level: 1 })).toBeVisible();
    for (const name of TARGETS) await expect(page.getByRole("link", { name, exact: true }).first()).toBeVisible();
    const analytics = page.getByTestId("probe-row-analytics");
    await expect(analytics.locator(".badge")).toHaveText("missing");
    await expect(analytics).toContainText("nothing there");
    await expect(page.getByTestId("golden-path-table")).toContainText("backend-websocket");
  });

  test("cannot run a probe: no button, and the API answers 403", async ({ page }) => {
    await page.goto("/probes/backend-health");
    await expect(page.getByRole("heading", { name: "Probe backend-health" })).toBeVisible();
    await expect(page.getByTestId("probe-status")).toBeVisible();
    await expect(page.getByRole("button", { name: "Run now" })).toHaveCount(0);
    const res = await page.request.post("/api/probes/backend-health/run", { headers: SAME_ORIGIN });
    expect(res.status()).toBe(403);
  });

  test("unknown names are 404 and bad names 400", async ({ page }) => {
    expect((await page.request.get("/api/probes/no-such-probe")).status()).toBe(404);
    const bad = await page.request.get("/api/probes/Not_A_Slug/history?range=6h");
    expect(bad.status()).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain("name");
    expect((await page.request.get("/api/probes/analytics/history?range=banana")).status()).toBe(400);
    const res = await page.goto("/probes/no-such-probe");
    expect(res?.status()).toBe(404);
  });
});

test.describe("probes as an engineer", () => {
  test.use({ storageState: storageStateFor("engineer") });

  test("runs a probe now and sees the waterfall and the evaluated conditions", async ({ page }) => {
    await page.goto("/probes/backend-health");
    // By keyboard, as an engineer without a mouse would.
    await page.getByRole("button", { name: "Run now" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("run-now-status")).toContainText("Ran just now", { timeout: 15_000 });
    const waterfall = page.getByTestId("phase-waterfall");
    await expect(waterfall).toBeVisible();
    await expect(waterfall.getByRole("rowheader", { name: "Connect" })).toBeVisible();
    const conditions = page.getByTestId("conditions-table");
    await expect(conditions.getByRole("rowheader", { name: "[STATUS] == 200" })).toBeVisible();
    // Every condition shows the value it was judged on (or why it was not evaluated).
    await expect(conditions.locator("tbody tr")).toHaveCount(3);
  });

  test("the run API answers with a result, then 429 with Retry-After during the cool-down", async ({ page }) => {
    const first = await page.request.post("/api/probes/analytics/run", { headers: SAME_ORIGIN });
    expect(first.status()).toBe(200);
    const body = (await first.json()) as { result: { status: string; errorClass: string; failedPhase: string } };
    expect(body.result).toMatchObject({ status: "missing", errorClass: "refused", failedPhase: "connect" });
    const again = await page.request.post("/api/probes/analytics/run", { headers: SAME_ORIGIN });
    expect(again.status()).toBe(429);
    expect(Number(again.headers()["retry-after"])).toBeGreaterThan(0);
    expect((await page.request.post("/api/probes/not-configured/run", { headers: SAME_ORIGIN })).status()).toBe(404);
  });

  test("the probes pages have no serious accessibility violations, in light and dark", async ({ page }) => {
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const path of ["/probes", "/probes/cloudsql-socket"]) {
        await page.goto(path);
        await expect(page.locator("main table").first()).toBeVisible();
        await page.screenshot({
          path: `test-results/screenshots/probes${path.replaceAll("/", "-")}-${scheme}.png`,
          fullPage: true,
        });
        const results = await new AxeBuilder({ page }).include("main").analyze();
        const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
        expect(serious.map((v) => `${scheme} ${path} ${v.id}: ${v.help}`)).toEqual([]);
      }
    }
  });
});
