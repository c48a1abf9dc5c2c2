import { rmSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { REFRESH_MS } from "../lib/query/dashboard-queries";
import { signInWithForm, startOwnStack, type OwnStack } from "./own-stack";
import { postToEmulatorAdmin, specDir } from "./spec-setup";

// Its own emulator and dashboard, because this spec switches the scenario and then stops the
// emulator: the Overview must follow the switch within one refresh, and once the emulator is
// gone say stale or unknown — never a fresh healthy.

const PASSWORD = "outage-demo-password";
let emulator: OwnStack["emulator"] | null = null;
let next: OwnStack["next"] | null = null;
let baseURL = "";
let dataDir = "";

test.describe.configure({ mode: "serial" });
test.setTimeout(240_000);

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dataDir = specDir("outage");
  // Probes on: the verdict reads the golden path, and without results it is unknown, never healthy.
  const stack = await startOwnStack({ emulatorArgs: ["--scenario", "incident"], password: PASSWORD, dataDir });
  ({ emulator, next, baseURL } = stack);
});

test.afterAll(async () => {
  await next?.stop();
  await emulator?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const signIn = (page: Page) => signInWithForm(page, baseURL, "leader", PASSWORD, "viewer");

type OverviewBody = { stale: boolean; measuredAt: string; verdict: { status: string } };

test("incident → down; switched to healthy → the open Overview turns healthy within one refresh", async ({ page }) => {
  await signIn(page);
  await page.goto(`${baseURL}/?range=1h`);
  const verdict = page.getByTestId("verdict");
  await expect(verdict).toHaveAttribute("data-status", "down");

  // The verdict covers the last hour, so the fix is backdated past it: staging "has been"
  // healthy for 61 minutes. The page is not reloaded; only its 30-s refresh may carry the change.
  const switchedAt = Date.now();
  const res = await postToEmulatorAdmin(page.request, emulator?.vars, "/scenario", {
    scenario: "healthy",
    backdateMinutes: 61,
  });
  expect(res.ok()).toBe(true);

  // The server's shared cache may hold the incident for one alignment period (60 s at 1h); then
  // two results in a row (flap control) for the 30-s WebSocket probe, and 15 s of slack.
  const HEALTHY_WITHIN_MS = 60_000 + 15_000 + 2 * 30_000;
  let apiHealthyAt = 0;
  await expect
    .poll(
      async () => {
        const body = (await (await page.request.get(`${baseURL}/api/overview?range=1h`)).json()) as OverviewBody;
        if (body.verdict.status === "healthy" && !body.stale) apiHealthyAt = Date.now();
        return `${body.stale ? "stale" : "fresh"} ${body.verdict.status}`;
      },
      // Polls past the bound on purpose: a late turn is then reported by the bound below, with
      // its time, instead of the poll giving up first and leaving the bound unreachable.
      { timeout: HEALTHY_WITHIN_MS + 30_000, intervals: [2_000] },
    )
    .toBe("fresh healthy");
  expect(apiHealthyAt - switchedAt, "ms from the switch to a fresh healthy answer").toBeLessThanOrEqual(
    HEALTHY_WITHIN_MS,
  );

  // One refresh: the page picks the new answer up at its next 30-s poll.
  await expect(verdict).toHaveAttribute("data-status", "healthy", { timeout: REFRESH_MS + 5_000 });
  await expect(verdict).toHaveAttribute("data-shown", "healthy");
});

test("emulator stopped → stale or unknown, never a fresh healthy", async ({ page }) => {
  await signIn(page);
  await page.goto(`${baseURL}/?range=1h`);
  const verdict = page.getByTestId("verdict");
  await expect(verdict).toHaveAttribute("data-shown", "healthy");

  await emulator?.stop();
  emulator = null;

  // The cached answer stays true "as of" its time; once it expires the upstream read fails
  // and the API must serve it marked stale.
  await expect
    .poll(
      async () => {
        const res = await page.request.get(`${baseURL}/api/overview?range=1h`);
        if (!res.ok()) return `error ${res.status()}`;
        const body = (await res.json()) as OverviewBody;
        return body.stale ? "stale" : `fresh ${body.verdict.status}`;
      },
      { timeout: 150_000, intervals: [5_000] },
    )
    .toMatch(/^stale$|^error 50\d$/);

  await page.reload();
  const after = page.getByTestId("verdict");
  if (await after.count()) {
    // Stale Monitoring data is unknown; the stand-ins being gone is a fresh "down" (probes find nothing there).
    await expect(after).toHaveAttribute("data-shown", /^(unknown|down)$/);
    await expect(after).not.toHaveAttribute("data-status", "healthy");
    await expect(page.getByTestId("startup-card")).toHaveAttribute("data-stale", "true");
  } else {
    await expect(page.getByRole("alert").first()).toContainText(/unknown|Could not load/);
  }
});

test("a range never read before, with the emulator stopped, is an error card saying unknown", async ({ page }) => {
  await signIn(page);
  const to = new Date();
  const from = new Date(to.getTime() - 2 * 3_600_000);
  await page.goto(`${baseURL}/?range=custom&from=${from.toISOString()}&to=${to.toISOString()}`);
  await expect(page.getByRole("alert").filter({ hasText: "Could not load this widget" })).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByText("nothing here means healthy")).toBeVisible();
  await expect(page.getByTestId("verdict")).toHaveCount(0);
});
