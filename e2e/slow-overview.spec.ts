import { rmSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { holdUpstream, type HeldUpstream } from "./held-upstream";
import { signInWithForm, startOwnStack, type OwnStack } from "./own-stack";
import { specDir } from "./spec-setup";

// Its own stack, because Cloud Logging hangs here: the dashboard's Logging client talks to a
// stand-in that accepts and answers nothing until the test lets it through to the emulator.
// The verdict reads the failure log, so it cannot be known before then: the first paint must
// say so (unknown, never a colour) and the rest of the page must work meanwhile.

const PASSWORD = "slow-overview-demo-password";
let stack: OwnStack | null = null;
let logging: HeldUpstream | null = null;
let dataDir = "";

test.setTimeout(120_000);

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dataDir = specDir("slow-overview");
  logging = await holdUpstream();
  stack = await startOwnStack({
    emulatorArgs: ["--scenario", "incident"],
    password: PASSWORD,
    dataDir,
    env: { LOGGING_EMULATOR_HOST: logging.hostPort },
  });
});

test.afterAll(async () => {
  await stack?.stop();
  await logging?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test("Cloud Logging hangs: the banner says unknown at once, the page works, then the real verdict arrives", async ({
  page,
}) => {
  const baseURL = stack?.baseURL ?? "";
  await signInWithForm(page, baseURL, "leader", PASSWORD, "viewer");
  // "commit": the document keeps streaming while the verdict waits, so its load event is late.
  await page.goto(`${baseURL}/?range=1h`, { waitUntil: "commit" });

  const pending = page.getByTestId("verdict-pending");
  await expect(pending).toBeVisible();
  await expect(pending).toHaveAttribute("data-shown", "unknown");
  await expect(page.getByRole("region", { name: /not yet known/ })).toBeVisible();
  // No verdict while its evidence is unread, and no banner in a colour.
  await expect(page.getByTestId("verdict")).toHaveCount(0);
  await expect(page.locator(".banner.status-ok")).toHaveCount(0);

  // Usable meanwhile: the golden path (read from the store) is there and the page responds.
  await expect(page.getByTestId("golden-path")).toBeVisible();
  await page.getByRole("button", { name: /^Theme: system/ }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await expect(page.getByTestId("verdict")).toHaveCount(0);

  logging?.release(stack?.emulator.vars.LOGGING_EMULATOR_HOST ?? "");
  const verdict = page.getByTestId("verdict");
  await expect(verdict).toHaveAttribute("data-status", /down|degraded/, { timeout: 45_000 });
  await expect(verdict).toHaveAttribute("data-shown", /down|degraded/);
  await expect(pending).toHaveCount(0);
});
