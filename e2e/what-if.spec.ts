import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { storageStateFor } from "./stack-state";
import { SAME_ORIGIN } from "./same-origin";

// The emulator runs the incident: today's staging (8 s timeout, e2-micro 2–3) fails its start-ups.
test.describe("capacity what-if", () => {
  test.use({ storageState: storageStateFor("leader") });

  test("is reached from the navigation and shows today's prediction, bottleneck, recommendation and assumptions", async ({
    page,
  }) => {
    await page.goto("/connector");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "What-if", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Capacity what-if" })).toBeVisible();
    const prediction = page.getByTestId("prediction");
    await expect(prediction).toHaveAttribute("data-verdict", "misses");
    await expect(page.getByTestId("success-median")).toHaveText("0.0%");
    await expect(page.getByTestId("first-bottleneck")).toContainText("Scale-out delay against the timeout");
    await expect(page.getByTestId("utilisation-summary")).toContainText("Median run: utilisation peaks at");
    const rec = page.getByTestId("recommendation");
    await expect(rec).toHaveAttribute("data-status", "found");
    await expect(rec.getByRole("columnheader", { name: "Today (staging config)" })).toBeVisible();
    await expect(rec.getByRole("row", { name: /App DB timeout 8 s 20 s/ })).toBeVisible();
    await expect(page.getByTestId("assumptions")).toContainText("model, not a measurement");
  });

  test("changing min instances changes the prediction", async ({ page }) => {
    await page.goto("/what-if");
    await expect(page.getByTestId("prediction")).toHaveAttribute("data-verdict", "misses");
    const min = page.getByRole("spinbutton", { name: "Connector min instances" });
    await page.getByRole("spinbutton", { name: "Connector max instances" }).fill("7");
    await min.fill("6");
    // Keyboard: Enter in a field submits the form.
    await min.press("Enter");
    await expect(page.getByTestId("prediction")).toHaveAttribute("data-verdict", "meets-with-margin");
    await expect(page.getByTestId("success-median")).toHaveText("100.0%");
    await expect(page.getByTestId("recommendation")).toHaveAttribute("data-status", "no-change-needed");
    await page.getByRole("button", { name: "Reset to today's configuration" }).click();
    await expect(page.getByTestId("prediction")).toHaveAttribute("data-verdict", "misses");
    await expect(min).toHaveValue("2");
  });

  test("an absurd burst is refused with a message naming the field", async ({ page }) => {
    await page.goto("/what-if");
    const backend = page.getByRole("spinbutton", { name: "backend: instances starting at once" });
    await backend.fill("10000");
    await page.getByRole("button", { name: "Predict" }).click();
    const refused = page.getByTestId("what-if-refused");
    await expect(refused).toContainText(
      "services.0.instances: instances starting at once must be at most 1,000 (got 10,000)",
    );
    await expect(backend).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId("prediction")).toHaveCount(0);
  });

  test("use observed burst fills the instances from the data", async ({ page }) => {
    await page.goto("/what-if?range=1h");
    const observed = page.getByTestId("observed-burst");
    await expect(observed).toHaveAttribute("data-status", "known");
    const shown = await observed.locator("strong").first().textContent();
    expect(Number(shown)).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Use observed burst" }).click();
    await expect(page.getByRole("spinbutton", { name: "backend: instances starting at once" })).toHaveValue(
      String(Number(shown)),
    );
  });

  test("the API validates, bounds and answers", async ({ page }) => {
    const base = {
      services: [{ name: "backend", instances: 10, poolSize: 5, dbTimeoutSeconds: 75 }],
      connector: { machineType: "e2-micro", minInstances: 2, maxInstances: 3 },
      database: { maxConnections: 100 },
    };
    const ok = await page.request.post("/api/what-if", { headers: SAME_ORIGIN, data: base });
    expect(ok.status()).toBe(200);
    const body = await ok.json();
    expect(body).toMatchObject({
      basis: "model",
      prediction: { runs: 50, verdict: "meets-with-margin" },
      recommendation: { status: "no-change-needed" },
    });
    const absurd = await page.request.post("/api/what-if", {
      headers: SAME_ORIGIN,
      data: { ...base, services: [{ ...base.services[0], instances: 10_000 }] },
    });
    expect(absurd.status()).toBe(400);
    expect((await absurd.json()).message).toBe(
      "services.0.instances: instances starting at once must be at most 1,000 (got 10,000)",
    );
    const defaults = await page.request.get("/api/what-if/defaults?range=1h");
    expect(defaults.status()).toBe(200);
    const d = await defaults.json();
    expect(d.scenario.connector).toEqual({ machineType: "e2-micro", minInstances: 2, maxInstances: 3 });
    expect(d.observed.status).toBe("known");
    expect(d.observed.measuredAt).not.toBeNull();
  });

  test("works in light and dark mode and has no serious accessibility violations", async ({ page }, testInfo) => {
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto("/what-if");
      await expect(page.getByTestId("prediction")).toBeVisible();
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
        scheme === "light" ? "rgb(247, 248, 250)" : "rgb(13, 17, 23)",
      );
      const shot = await page.screenshot({ fullPage: true, path: `test-results/screenshots/what-if-${scheme}.png` });
      await testInfo.attach(`what-if-${scheme}`, { body: shot, contentType: "image/png" });
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(
        serious.map((v) => `${scheme} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
      ).toEqual([]);
    }
  });
});

test("the what-if API needs a session", async ({ request }) => {
  const res = await request.post("/api/what-if", { headers: SAME_ORIGIN, data: {} });
  expect(res.status()).toBe(401);
});
