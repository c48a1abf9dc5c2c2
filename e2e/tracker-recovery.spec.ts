import { expect, test } from "@playwright/test";
import type { OwnStack } from "./own-stack";
import { sameOriginOf } from "./same-origin";
import { postToEmulatorAdmin, seedConfig, startStackOn } from "./spec-setup";

// Its own emulator and dashboard: a config whose phase-1 criterion has a 2-minute window and
// a 30-second hold, so a switch to `recovering` can pass and hold within the test.
test.describe.serial("recovery (own stack, short window and hold)", () => {
  const PASSWORD = "tracker-recovery-password";
  let stack: OwnStack | null = null;
  let baseURL = "";

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    const config = seedConfig<{
      incident: { phases: { id: string; successCriteria: { expr: string; holdFor?: string }[] }[] };
    }>();
    const criterion = config.incident.phases.find((p) => p.id === "infrastructure")?.successCriteria[0];
    if (!criterion) throw new Error("the seed config has no phase-1 criterion");
    criterion.expr = "startup_success_rate(all, 2m) > 0.95";
    criterion.holdFor = "30s";
    // No ingestion delay and 30 model minutes per real minute: the recovery shows in the data within minutes.
    stack = await startStackOn({
      name: "tracker",
      config,
      password: PASSWORD,
      emulatorArgs: ["--scenario", "incident", "--ingest-delay-seconds", "0", "--time-scale", "30"],
      env: { STAGEWATCH_PROBES: "off" },
    });
    baseURL = stack.baseURL;
  });

  test.afterAll(async () => {
    await stack?.stop();
  });

  test("switching the emulator to recovering makes phase 1's criterion pass once its hold time has passed", async ({
    browser,
  }) => {
    test.setTimeout(360_000);
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Username").fill("engineer");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("user-role")).toHaveText("engineer");

    await page.goto("/tracker");
    await expect(page.getByTestId("criterion-startup-success")).toHaveAttribute("data-result", "fail");

    const switched = await postToEmulatorAdmin(page.request, stack?.emulator.vars, "/scenario", {
      scenario: "recovering",
    });
    expect(switched.status()).toBe(200);

    type Criterion = { result: string; held: boolean; heldSince: string | null };
    type View = { phases: { id: string; readyToClose: boolean; criteria: Criterion[] }[] };
    let last: Criterion | undefined;
    await expect
      .poll(
        async () => {
          const res = await page.request.post("/api/tracker/evaluate", { headers: sameOriginOf(baseURL) });
          const view = (await res.json()) as View;
          const p1 = view.phases.find((p) => p.id === "infrastructure");
          last = p1?.criteria[0];
          return p1?.readyToClose && last?.held ? "ready" : (last?.result ?? "none");
        },
        { timeout: 300_000, intervals: [5_000] },
      )
      .toBe("ready");
    // Ready only once it has passed for the whole hold time.
    expect(Date.now() - Date.parse(last?.heldSince ?? "")).toBeGreaterThanOrEqual(30_000);

    await page.reload();
    const criterion = page.getByTestId("criterion-startup-success");
    await expect(criterion).toHaveAttribute("data-result", "pass");
    await expect(criterion).toContainText("hold time 30s");
    await expect(page.getByTestId("phase-infrastructure").getByRole("status")).toHaveText(
      "Criteria met — ready to close.",
    );
    await context.close();
  });
});
