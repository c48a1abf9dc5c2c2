import { rmSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signInWithForm, startOwnStack, type OwnStack } from "./own-stack";
import { sameOriginOf } from "./same-origin";
import { postToEmulatorAdmin, specDir } from "./spec-setup";

// Its own emulator and dashboard, because it switches the scenario. Scheduled probing is off,
// so every rehearsal here is one this spec asked for; the on-demand limit is cut to 5 s.

const PASSWORD = "rehearsal-demo-password";
let stack: OwnStack | null = null;
let dataDir = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dataDir = specDir("rehearsal");
  stack = await startOwnStack({
    emulatorArgs: ["--scenario", "healthy"],
    password: PASSWORD,
    dataDir,
    env: { STAGEWATCH_PROBES: "off", STAGEWATCH_REHEARSAL_ON_DEMAND_SECONDS: "5" },
  });
});

test.afterAll(async () => {
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const base = () => stack?.baseURL ?? "";
type Run = {
  id: string;
  status: string;
  failedStep: number | null;
  error: string | null;
  screenshots: string[];
  steps: { label: string; status: string; durationMs: number | null }[];
};
type Detail = {
  summary: { status: string; goldenPath: boolean };
  rehearsal: { latest: Run | null; history: { status: string; durationMs: number }[] };
};

async function runNow(
  page: Page,
): Promise<{ status: string; failedPhase: string | null; details: Record<string, unknown> }> {
  let body: { result: { status: string; failedPhase: string | null; details: Record<string, unknown> } | null } = {
    result: null,
  };
  // Past the on-demand limit of the previous test's run.
  await expect
    .poll(
      async () => {
        const res = await page.request.post(`${base()}/api/probes/demo-rehearsal/run`, {
          headers: sameOriginOf(base()),
          timeout: 90_000,
        });
        if (res.status() === 200) body = (await res.json()) as typeof body;
        return res.status();
      },
      { timeout: 60_000, intervals: [2_000] },
    )
    .toBe(200);
  if (!body.result) throw new Error("the run returned no result");
  return body.result;
}

async function detail(page: Page): Promise<Detail> {
  return (await (await page.request.get(`${base()}/api/probes/demo-rehearsal`)).json()) as Detail;
}

test("healthy: the rehearsal passes with a timing for each of its 6 steps and an end screenshot on the journey page", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  await signInWithForm(page, base(), "engineer", PASSWORD, "engineer");
  const result = await runNow(page);
  expect(result).toMatchObject({ status: "up", failedPhase: null });
  expect(result.details).toMatchObject({ steps: 6, passedSteps: 6 });

  const d = await detail(page);
  expect(d.summary).toMatchObject({ status: "up", goldenPath: true });
  const run = d.rehearsal.latest;
  expect(run?.status).toBe("passed");
  expect(run?.steps.map((s) => s.status)).toEqual(Array(6).fill("passed"));
  for (const s of run?.steps ?? []) expect(s.durationMs).toBeGreaterThanOrEqual(0);
  expect(run?.screenshots).toEqual(["end"]);

  const shot = await page.request.get(`${base()}/api/rehearsals/${run?.id}/screenshots/end`);
  expect(shot.status()).toBe(200);
  expect(shot.headers()["content-type"]).toBe("image/png");
  // Signed out, nothing: the screenshot is evidence for engineers, never for share links.
  const outside = await browser.newContext();
  expect((await outside.request.get(`${base()}/api/rehearsals/${run?.id}/screenshots/end`)).status()).toBe(401);
  await outside.close();
  const bad = await page.request.get(`${base()}/api/rehearsals/not-a-run/screenshots/end`);
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { message: string }).message).toMatch(/^id:/);
  expect((await page.request.get(`${base()}/api/rehearsals/${run?.id}/screenshots/failure`)).status()).toBe(404);

  await page.goto(`${base()}/probes/demo-rehearsal`);
  await expect(page.getByTestId("journey-waterfall")).toContainText("Sign in reaches the dashboard");
  await expect(page.getByTestId("journey-step-6")).toContainText("passed");
  const img = page.getByRole("img", { name: /Screenshot "end"/ });
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  await page.screenshot({ path: "test-results/screenshots/rehearsal-passed.png", fullPage: true });
});

test("incident: the rehearsal fails at sign-in with that step's screenshot; readiness is NO-GO naming it; the Overview lists the journey", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInWithForm(page, base(), "engineer", PASSWORD, "engineer");
  const switched = await postToEmulatorAdmin(page.request, stack?.emulator.vars, "/scenario", { scenario: "incident" });
  expect(switched.ok()).toBe(true);

  // The readiness re-check runs the golden path, the rehearsal included (past its on-demand limit).
  await new Promise((r) => setTimeout(r, 6_000));
  const recheck = await page.request.post(`${base()}/api/readiness/recheck`, {
    headers: sameOriginOf(base()),
    data: {},
    timeout: 120_000,
  });
  expect(recheck.status()).toBe(200);
  const view = (await recheck.json()) as {
    verdict: string;
    reasons: { checkId: string; status: string; text: string }[];
    recheck: { probes: string[] };
  };
  expect(view.recheck.probes).toContain("demo-rehearsal");
  expect(view.verdict).toBe("NO-GO");
  const reason = view.reasons.find((r) => r.checkId === "rehearsal");
  expect(reason?.status).toBe("fail");
  expect(reason?.text).toMatch(
    /^Demo rehearsal: failed at step [45] of 6 \(“(Press Sign in|Sign in reaches the dashboard)”\)/,
  );

  const d = await detail(page);
  const run = d.rehearsal.latest;
  expect(run?.status).toBe("failed");
  expect(run?.steps[(run.failedStep ?? 1) - 1]?.label).toMatch(/Sign in/);
  expect(run?.screenshots).toEqual(["failure"]);
  expect(
    (await page.request.get(`${base()}/api/rehearsals/${run?.id}/screenshots/failure`)).headers()["content-type"],
  ).toBe("image/png");
  expect(d.rehearsal.history.map((h) => h.status).slice(0, 2)).toEqual(["failed", "passed"]);

  await page.goto(`${base()}/readiness`);
  await expect(page.getByText(/Demo rehearsal: failed at step/).first()).toBeVisible();
  await page.goto(`${base()}/`);
  await expect(page.getByTestId("golden-path")).toContainText("demo-rehearsal");
  await page.goto(`${base()}/probes/demo-rehearsal`);
  await expect(page.getByTestId("journey-error")).toContainText("Sign in");
  await expect(page.getByRole("img", { name: /Screenshot "failure"/ })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/rehearsal-failed.png", fullPage: true });
  const axe = await new AxeBuilder({ page }).include("main").analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
});
