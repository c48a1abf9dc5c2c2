import { expect, test, type Page } from "@playwright/test";
import { signInWithForm, type OwnStack } from "./own-stack";
import { sameOriginOf } from "./same-origin";
import { postToEmulatorAdmin, seedConfig, startHookReceiver, startStackOn, type HookReceiver } from "./spec-setup";

// Issue 26: an engineer starts maintenance for the backend while its golden-path probe fails.
// The Overview says maintenance (never healthy) with the probe still shown down; nothing about
// that scope reaches the loopback webhook meanwhile; ending the window early sends the state
// that outlived it exactly once. A viewer cannot start maintenance. Own stack: the webhook
// config and the stand-in going down must not touch the shared stack.

const PASSWORD = "maintenance-demo-password";
type Post = { at: number; event: string; subject: string; to: string };
const posts: Post[] = [];
let receiver: HookReceiver | null = null;
let stack: OwnStack | null = null;

test.describe.configure({ mode: "serial" });
test.setTimeout(300_000);

test.beforeAll(async () => {
  test.setTimeout(240_000);
  receiver = await startHookReceiver((req, text) => {
    const body = JSON.parse(text) as { subject?: string; to?: string };
    const event = String(req.headers["x-stagewatch-event"] ?? "");
    posts.push({ at: Date.now(), event, subject: body.subject ?? "", to: body.to ?? "" });
  });
  const hook = `${receiver.url}/hook`;

  const config = seedConfig<{
    probes: { name: string; service?: string }[];
    readiness: Record<string, unknown>;
  }>();
  // The probes that walk the backend belong to it: its maintenance window covers them.
  for (const p of config.probes)
    if (["backend-health", "backend-websocket", "demo-rehearsal"].includes(p.name)) p.service = "backend";
  config.readiness.webhooks = [{ url: hook, kind: "json", name: "loopback", timeoutMs: 2000 }];
  stack = await startStackOn({
    name: "maintenance",
    config,
    password: PASSWORD,
    emulatorArgs: ["--scenario", "healthy", "--ingest-delay-seconds", "0"],
  });
});

test.afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
});

const base = () => stack?.baseURL ?? "";
const backendPosts = (since: number) =>
  posts.filter(
    (p) =>
      p.at >= since &&
      (p.event === "overview.changed" || (p.event === "probe.changed" && p.subject.startsWith("probe:backend"))),
  );
type GoldenPath = { probes: { name: string; status: string }[] };
const probeStatus = async (page: Page, name: string) =>
  ((await (await page.request.get(`${base()}/api/overview/golden-path`)).json()) as GoldenPath).probes.find(
    (p) => p.name === name,
  )?.status;

function standin(page: Page, mode: "down" | "model") {
  return postToEmulatorAdmin(page.request, stack?.emulator.vars, "/standin", { service: "backend", mode });
}

test("in maintenance the Overview says so beside the failing probe, nothing is sent, and the end sends the state once", async ({
  page,
}) => {
  await signInWithForm(page, base(), "engineer", PASSWORD, "engineer");
  // The probe's first state (up) is recorded and announced once the watcher has warmed up.
  await expect
    .poll(() => posts.some((p) => p.subject === "probe:backend-health" && p.to === "up"), {
      timeout: 150_000,
      intervals: [2_000],
    })
    .toBe(true);

  await page.goto(`${base()}/?range=1h`);
  const panel = page.getByTestId("maintenance-panel");
  await panel.getByRole("button", { name: "Start maintenance" }).click();
  await panel.getByLabel("Scope").selectOption("service:backend");
  await panel.getByLabel("Duration").selectOption("1h");
  await panel.getByLabel("Reason").fill("Connector migration");
  await panel.getByRole("button", { name: "Start", exact: true }).click();
  await expect(panel.getByTestId("maintenance-window")).toContainText("Connector migration");
  const startedAt = Date.now();

  expect((await standin(page, "down")).status()).toBe(200);
  await expect.poll(() => probeStatus(page, "backend-health"), { timeout: 60_000, intervals: [1_000] }).toBe("down");

  const verdict = page.getByTestId("verdict");
  await expect(verdict).toHaveAttribute("data-shown", "maintenance", { timeout: 20_000 });
  await expect(verdict.getByRole("heading")).toHaveText("Staging is in maintenance");
  await expect(page.getByTestId("verdict-maintenance")).toContainText("Connector migration");
  await expect(page.getByTestId("verdict-reasons")).toContainText(/backend-health[^.]* (is|are) down/);
  const strip = page.getByTestId("golden-path").getByRole("listitem").filter({ hasText: "backend-health" });
  await expect(strip).toContainText("down");
  // Maintenance is marked beside the probe's own status, never instead of it.
  await expect(strip.getByTestId("maintenance-mark-backend-health")).toContainText("maintenance until");

  // Two watcher ticks after the probe was recorded down: still nothing about the backend or the Overview.
  await page.waitForTimeout(25_000);
  expect(backendPosts(startedAt)).toEqual([]);

  // Ended early while the probe is still down: the state that outlived the window goes out once.
  const endedAt = Date.now();
  await panel.getByRole("button", { name: "End now" }).click();
  await expect(panel).toContainText("No maintenance now.");
  await expect
    .poll(
      () =>
        backendPosts(endedAt)
          .filter((p) => p.subject === "probe:backend-health")
          .map((p) => p.to),
      {
        timeout: 45_000,
        intervals: [1_000],
      },
    )
    .toEqual(["down"]);
  await expect(verdict).toHaveAttribute("data-shown", "down", { timeout: 30_000 });
  await page.waitForTimeout(12_000);
  expect(backendPosts(endedAt).filter((p) => p.subject === "probe:backend-health")).toHaveLength(1);
  expect((await standin(page, "model")).status()).toBe(200);
});

test("a viewer sees maintenance but cannot start it", async ({ page }) => {
  await signInWithForm(page, base(), "leader", PASSWORD, "viewer");
  await page.goto(`${base()}/probes`);
  await expect(page.getByTestId("maintenance-panel")).toBeVisible();
  await expect(page.getByRole("button", { name: "Start maintenance" })).toHaveCount(0);
  const res = await page.request.post(`${base()}/api/maintenance`, {
    data: { scope: "everything", duration: "1h", reason: "not allowed" },
    headers: sameOriginOf(base()),
  });
  expect(res.status()).toBe(403);
  const list = (await (await page.request.get(`${base()}/api/maintenance`)).json()) as { running: unknown[] };
  expect(list.running).toEqual([]);
});
