import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signInWithForm, type OwnStack } from "./own-stack";
import { sameOriginOf } from "./same-origin";
import { postToEmulatorAdmin, seedConfig, startHookReceiver, startStackOn, type HookReceiver } from "./spec-setup";

// Its own stack: the emulator in `incident` (36 h of failing start-ups) and a webhook receiver
// on loopback. The fast-burn page fires and the SLO view shows the budget exhausted; after
// the switch to `recovering` it resolves — once, and each transition is posted once.

type Alert = { rule: string; status: string | null; condition: string };
type Slo = {
  id: string;
  service: string;
  budget: { remaining: { value: number | null; stale: boolean } };
  alerts: Alert[];
  exhaustion: { status: string };
  staleAfter: string;
};
type SloBody = {
  measuredAt: string | null;
  stale: boolean;
  staleAfter: string | null;
  slos: Slo[];
  history: { slo: string; rule: string; to: string }[];
};
type Post = { body: string; event: string | undefined; delivery: string | undefined };
type AlertEvent = { event: string; id: string; slo: string; rule: string; status: string };

const PASSWORD = "slo-demo-password";
let stack: OwnStack | null = null;
let receiver: HookReceiver | null = null;
const posts: Post[] = [];

test.describe.configure({ mode: "serial" });
test.setTimeout(300_000);

test.beforeAll(async () => {
  test.setTimeout(240_000);
  receiver = await startHookReceiver((req, body) => {
    const h = (n: string) => (typeof req.headers[n] === "string" ? (req.headers[n] as string) : undefined);
    posts.push({ body, event: h("x-stagewatch-event"), delivery: h("x-stagewatch-delivery") });
  });
  const hook = `${receiver.url}/hook`;
  const config = seedConfig<Record<string, unknown> & { readiness: Record<string, unknown> }>();
  config.readiness.webhooks = [{ url: hook, kind: "json", name: "on-call", timeoutMs: 2000 }];
  // Resolve as soon as a rule reads "ok" (the default holds 5 minutes against flapping).
  // A probe SLO too: computed by Stagewatch from its own roll-ups, shown beside the start-up SLOs.
  config.slo = { resolveAfterMinutes: 0, probes: [{ id: "backend", probes: ["backend-health"] }] };
  stack = await startStackOn({
    name: "slo",
    config,
    password: PASSWORD,
    emulatorArgs: ["--scenario", "incident", "--ingest-delay-seconds", "0"],
  });
});

test.afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
});

const base = () => stack?.baseURL ?? "";
const signIn = (page: Page, user = "engineer") =>
  signInWithForm(page, base(), user, PASSWORD, user === "sales" ? "viewer" : user);

async function slo(page: Page): Promise<SloBody> {
  const res = await page.request.get(`${base()}/api/slo`);
  expect(res.status()).toBe(200);
  return (await res.json()) as SloBody;
}
const fastBurn = (b: SloBody) => b.slos.find((s) => s.id === "startup-all")?.alerts.find((a) => a.rule === "fast-burn");
const alertPosts = () => posts.filter((p) => p.event === "slo.alert").map((p) => JSON.parse(p.body) as AlertEvent);
const fastPosts = () => alertPosts().filter((e) => e.slo === "startup-all" && e.rule === "fast-burn");

test("incident: the fast-burn page fires, the view shows the budget exhausted, one post", async ({ page }) => {
  await signIn(page);
  await expect
    .poll(async () => fastBurn(await slo(page))?.status ?? "not evaluated", { timeout: 120_000, intervals: [2_000] })
    .toBe("firing");
  const body = await slo(page);
  const all = body.slos.find((s) => s.id === "startup-all");
  expect(body.stale).toBe(false);
  expect(body.measuredAt).not.toBeNull();
  expect(Date.parse(body.staleAfter ?? "")).toBeGreaterThan(Date.now());
  expect(all?.budget.remaining.value ?? 1).toBeLessThanOrEqual(0);
  expect(all?.exhaustion.status).toBe("exhausted");

  await page.goto(`${base()}/slo`);
  await expect(page.getByRole("heading", { level: 1, name: "SLOs" })).toBeVisible();
  const card = page.getByTestId("slo-startup-all");
  await expect(card).toContainText("budget exhausted");
  await expect(card).toContainText("fast-burn page firing");
  await expect(card).toHaveAttribute("data-stale", "false");
  await expect(page.getByRole("table", { name: "SLO alert history" })).toContainText("fast-burn");
  await expect(page.getByTestId("slo-probe-backend-source")).toContainText("computed by Stagewatch");
  await expect(page.getByRole("link", { name: "Download OpenSLO YAML" })).toHaveAttribute("href", "/api/slo/openslo");
  await page.screenshot({ path: "test-results/screenshots/slo-incident.png", fullPage: true });
  const axe = await new AxeBuilder({ page }).analyze();
  expect(
    axe.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
  ).toEqual([]);

  await page.goto(`${base()}/`);
  await expect(page.getByTestId("error-budget-card")).toContainText("budget exhausted");

  await expect.poll(() => fastPosts().map((e) => e.status), { timeout: 30_000 }).toEqual(["firing"]);
  // Every alert post is a transition the server recorded, each sent once.
  expect(new Set(posts.filter((p) => p.event === "slo.alert").map((p) => p.delivery)).size).toBe(alertPosts().length);
});

test("the API refuses bad input and roles as it should", async ({ page }) => {
  await signIn(page, "sales");
  const bad = await page.request.get(`${base()}/api/slo?service=nosuch`);
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { message: string }).message).toMatch(/^service:/);
  expect((await page.request.get(`${base()}/api/slo?servce=auth`)).status()).toBe(400);
  expect((await page.request.get(`${base()}/api/slo?service=auth&service=backend`)).status()).toBe(400);
  expect(
    (await page.request.post(`${base()}/api/slo/export`, { headers: sameOriginOf(base()), data: {} })).status(),
  ).toBe(403);
  const preview = await page.request.get(`${base()}/api/slo/export`);
  expect(preview.status()).toBe(200);
  expect(((await preview.json()) as { alertPolicies: unknown[] }).alertPolicies).toHaveLength(9);
  const openslo = await page.request.get(`${base()}/api/slo/openslo`);
  expect(openslo.status()).toBe(200);
  expect(openslo.headers()["content-type"]).toMatch(/^application\/yaml/);
  expect(await openslo.text()).toContain("kind: AlertPolicy");
  expect((await page.request.get(`${base()}/api/slo/openslo?x=1`)).status()).toBe(400);
  const anonymous = await page.request.get(`${base()}/api/slo`, { headers: { cookie: "" } });
  expect([401, 307, 302]).toContain(anonymous.status());
});

test("export to the emulator's Cloud Monitoring: created once, then nothing new", async ({ page }) => {
  await signIn(page);
  expect(
    (
      await page.request.post(`${base()}/api/slo/export`, { headers: sameOriginOf(base()), data: { extra: 1 } })
    ).status(),
  ).toBe(400);
  expect(
    (
      await page.request.post(`${base()}/api/slo/export`, {
        data: "not json{",
        headers: { ...sameOriginOf(base()), "content-type": "application/json" },
      })
    ).status(),
  ).toBe(400);
  type Result = { actions: { kind: string; action: string }[] };
  const first = (await (
    await page.request.post(`${base()}/api/slo/export`, { headers: sameOriginOf(base()), data: {} })
  ).json()) as Result;
  expect(first.actions.filter((a) => a.action === "created")).toHaveLength(15);
  const second = (await (
    await page.request.post(`${base()}/api/slo/export`, { headers: sameOriginOf(base()), data: {} })
  ).json()) as Result;
  expect(second.actions.map((a) => a.action)).toEqual(Array(15).fill("exists"));
});

test("recovering: the page resolves exactly once", async ({ page }) => {
  await signIn(page);
  // The fix landed half an hour ago: the last 5 minutes are healthy again.
  const res = await postToEmulatorAdmin(page.request, stack?.emulator.vars, "/scenario", {
    scenario: "recovering",
    backdateMinutes: 30,
  });
  expect(res.ok()).toBe(true);
  await expect
    .poll(async () => fastBurn(await slo(page))?.status, { timeout: 150_000, intervals: [3_000] })
    .toBe("resolved");
  await expect.poll(() => fastPosts().map((e) => e.status), { timeout: 30_000 }).toEqual(["firing", "resolved"]);
  // Evaluations keep coming (requests and the background tick): nothing fires or resolves again.
  for (let i = 0; i < 5; i++) {
    await slo(page);
    await page.waitForTimeout(3_000);
  }
  const history = (await slo(page)).history
    .filter((h) => h.slo === "startup-all" && h.rule === "fast-burn")
    .map((h) => h.to);
  expect(history).toEqual(["resolved", "firing"]);
  expect(fastPosts().map((e) => e.status)).toEqual(["firing", "resolved"]);
});
