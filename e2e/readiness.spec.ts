import AxeBuilder from "@axe-core/playwright";
import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from "@playwright/test";
import { readStackState, storageStateFor } from "./stack-state";
import { SAME_ORIGIN } from "./same-origin";

// Demo readiness on the shared stack: the emulator in `incident` and the seed's config
// (#1278). The `healthy` and stopped-emulator scenarios, with a webhook receiver, have their
// own stack in readiness-webhooks.spec.ts.

type Reason = { checkId: string; status: string; severity: string; text: string };
type Readiness = {
  verdict: string;
  summary: string;
  checkedAt: string;
  reasons: Reason[];
  demoRisk?: string[];
  demoAt?: string;
};
type ShareLink = { id: string; path: string | null; state: string; expiresAt: string };

/** Anything that must never reach a public share view. */
const INTERNAL = [
  "127.0.0.1",
  "localhost",
  "backend-health",
  "auth-health",
  "cloudsql-socket",
  "db-socket-timeout",
  "/cloudsql/",
  "netra-staging",
  "PGSQL",
  "exit(3)",
  "startup_success_rate",
  "probe_status",
];

async function signedOut(): Promise<APIRequestContext> {
  return playwrightRequest.newContext({
    baseURL: readStackState().baseURL,
    storageState: { cookies: [], origins: [] },
  });
}

async function createLink(
  api: APIRequestContext,
  body: Record<string, unknown> = {},
): Promise<ShareLink & { path: string }> {
  const res = await api.post("/api/readiness/share-links", { headers: SAME_ORIGIN, data: body });
  expect(res.status()).toBe(201);
  const { link } = (await res.json()) as { link: ShareLink };
  if (!link.path) throw new Error("a new link has a path");
  return { ...link, path: link.path };
}

const tokenOf = (path: string) => path.replace(/^\/share\//, "");

test.describe("for sales (a viewer)", () => {
  test.use({ storageState: storageStateFor("sales") });

  test("incident → NO-GO, with the start-up reason in plain words, and the time it was checked", async ({ page }) => {
    await page.goto("/readiness");
    await expect(page.getByRole("heading", { level: 1, name: "Demo readiness" })).toBeVisible();
    const verdict = page.getByTestId("readiness-verdict");
    await expect(verdict).toHaveAttribute("data-verdict", "NO-GO");
    await expect(verdict).toHaveAttribute("data-stale", "false");
    await expect(page.locator(".verdict-word")).toHaveText("NO-GO");
    await expect(page.getByTestId("readiness-summary")).toHaveText(
      "Not ready for a demo: something essential is not working.",
    );
    await expect(page.getByTestId("readiness-checked-at")).toHaveText(/^Checked at \d{2}:\d{2} UTC$/);
    const startups = page.getByTestId("readiness-reason").filter({ hasText: "start-ups succeeded" });
    await expect(startups).toHaveAttribute("data-status", "fail");
    await expect(startups).toContainText(
      /Only \d+(\.\d)?% of service start-ups succeeded in the last 30 minutes \(needs at least 95%\); the infrastructure team is on it \(phase 1\)\./,
    );
    // Failing blockers come first.
    await expect(page.getByTestId("readiness-reason").first()).toHaveAttribute("data-status", "fail");
    // Sales cannot make share links, so the panel is not there.
    await expect(page.getByRole("heading", { name: "Share links" })).toHaveCount(0);
    await page.screenshot({ path: "test-results/screenshots/readiness-sales.png", fullPage: true });
  });

  test("the first paint comes from the server with the verdict in it", async ({ page }) => {
    const res = await page.request.get("/readiness");
    expect(res.status()).toBe(200);
    const html = await res.text();
    expect(html).toContain('data-verdict="NO-GO"');
    expect(html).toContain("start-ups succeeded in the last 30 minutes");
  });

  test("the API agrees, and refuses a demo time that is not one", async ({ page }) => {
    const res = await page.request.get("/api/readiness");
    expect(res.status()).toBe(200);
    const body = (await res.json()) as Readiness;
    expect(body.verdict).toBe("NO-GO");
    expect(body.reasons.find((r) => r.checkId === "startups")).toMatchObject({ status: "fail", severity: "blocker" });
    for (const bad of ["25:00", "tomorrow", "2020-01-01T00:00:00Z"]) {
      const r = await page.request.get(`/api/readiness?demoAt=${encodeURIComponent(bad)}`);
      expect(r.status()).toBe(400);
      expect(((await r.json()) as { message: string }).message).toMatch(/^demoAt: /);
    }
    expect((await page.request.post("/api/readiness/share-links", { headers: SAME_ORIGIN, data: {} })).status()).toBe(
      403,
    );
  });

  test("a demo time: what is known to put it at risk", async ({ page }) => {
    await page.goto("/readiness");
    const inTwoHours = new Date(Date.now() + 2 * 3_600_000).toISOString().slice(11, 16);
    await page.getByLabel("I demo at (UTC)").fill(inTwoHours);
    await page.getByRole("button", { name: "Check this time" }).click();
    await expect(page).toHaveURL(new RegExp(`demoAt=${inTwoHours.replace(":", "(%3A|:)")}`));
    const risk = page.getByTestId("demo-risk");
    await expect(risk).toContainText(`Your demo at`);
    await expect(risk).toContainText(
      '"VPC connector scaling" (the infrastructure team, phase 1) is not done and has no due date; it blocks staging.',
    );
    await expect(risk).toContainText("this verdict describes staging now; check again shortly before.");
    await page.getByRole("button", { name: "Clear" }).click();
    await expect(page.getByTestId("demo-risk")).toHaveCount(0);
  });

  test("Re-check now runs the live checks, then is rate limited with a wait", async ({ page }) => {
    await page.goto("/readiness");
    const button = page.getByRole("button", { name: /^Re-check now/ });
    await button.click();
    const status = page.getByTestId("recheck-status");
    // Either this click ran it, or one ran moments before (another test): both are answers.
    await expect(status).toHaveText(/Checked again just now\.|you can again in \d+ s\./);
    const res = await page.request.post("/api/readiness/recheck", { headers: SAME_ORIGIN, data: {} });
    expect(res.status()).toBe(429);
    expect(Number(res.headers()["retry-after"])).toBeGreaterThan(0);
    expect(Number(res.headers()["retry-after"])).toBeLessThanOrEqual(30);
    await expect(page.getByTestId("readiness-verdict")).toHaveAttribute("data-verdict", "NO-GO");
  });
});

test.describe("share links", () => {
  test.describe.configure({ mode: "serial" });
  test.use({ storageState: storageStateFor("engineer") });

  let shortLived: (ShareLink & { path: string }) | null = null;
  let shortLivedAt = 0;

  test("an engineer creates one in the page; signed out, it shows the verdict and reasons and nothing else", async ({
    page,
    browser,
  }) => {
    // A one-minute link, checked again at the end of this group.
    shortLived = await createLink(page.request, { expiresInSeconds: 60, note: "expiry check" });
    shortLivedAt = Date.now();

    await page.goto("/readiness");
    const panel = page.getByRole("region", { name: "Share links" });
    await panel.getByLabel("Note (optional)").fill("Acme call");
    await panel.getByRole("button", { name: "Create share link" }).click();
    const created = page.getByTestId("share-created");
    await expect(created).toContainText("New link, valid until");
    const url = await created.getByRole("textbox", { name: "Share link" }).inputValue();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/share\/[\w-]+\.[\w-]+\.[\w-]+$/);
    const row = panel.getByTestId("share-link-row").filter({ hasText: "Acme call" });
    await expect(row).toHaveAttribute("data-state", "active");
    // Default expiry: 24 hours.
    const listed = (await (await page.request.get("/api/readiness/share-links")).json()) as {
      links: (ShareLink & { note: string | null; createdAt: string })[];
    };
    const acme = listed.links.find((l) => l.note === "Acme call");
    expect(acme && Date.parse(acme.expiresAt) - Date.parse(acme.createdAt)).toBe(24 * 3_600_000);

    const outside = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const pub = await outside.newPage();
    const res = await pub.goto(url);
    expect(res?.status()).toBe(200);
    await expect(pub.getByTestId("readiness-verdict")).toHaveAttribute("data-verdict", "NO-GO");
    await expect(pub.getByTestId("readiness-reason").filter({ hasText: "start-ups succeeded" })).toHaveAttribute(
      "data-status",
      "fail",
    );
    // Reasons only: no evidence, no demo time, no re-check, no navigation into the dashboard.
    await expect(pub.getByText("Evidence")).toHaveCount(0);
    await expect(pub.getByRole("button")).toHaveCount(0);
    await expect(pub.getByRole("link")).toHaveCount(0);
    await expect(pub.getByTestId("user-role")).toHaveCount(0);
    const html = await pub.content();
    for (const needle of INTERNAL) expect(html, needle).not.toContain(needle);
    const api = await outside.request.get(`/api/share/${tokenOf(new URL(url).pathname)}`);
    expect(api.status()).toBe(200);
    const json = await api.text();
    for (const needle of INTERNAL) expect(json, needle).not.toContain(needle);
    expect(Object.keys(JSON.parse(json) as object).sort()).toEqual([
      "checkedAt",
      "expiresAt",
      "reasons",
      "summary",
      "verdict",
    ]);
    await pub.screenshot({ path: "test-results/screenshots/readiness-shared.png", fullPage: true });
    await outside.close();
  });

  test("the token reaches no other page or API", async ({ page }) => {
    const link = await createLink(page.request);
    const token = tokenOf(link.path);
    const out = await signedOut();
    expect((await out.get(link.path)).status()).toBe(200);

    for (const api of [
      "/api/readiness",
      "/api/readiness/share-links",
      "/api/overview",
      "/api/tracker",
      "/api/probes",
      "/api/events",
    ]) {
      expect((await out.get(api)).status(), api).toBe(401);
      expect(
        (await out.get(api, { headers: { authorization: `Bearer ${token}` } })).status(),
        `${api} with the token as bearer`,
      ).toBe(401);
      expect(
        (await out.get(api, { headers: { cookie: `next-auth.session-token=${token}` } })).status(),
        `${api} with the token as session cookie`,
      ).toBe(401);
      expect((await out.get(`${api}?token=${token}`)).status(), `${api}?token`).toBe(401);
    }
    expect(
      (await out.post("/api/readiness/recheck", { data: {}, headers: { authorization: `Bearer ${token}` } })).status(),
    ).toBe(401);
    expect(
      (
        await out.post("/api/readiness/share-links", {
          data: {},
          headers: { cookie: `next-auth.session-token=${token}` },
        })
      ).status(),
    ).toBe(401);
    expect((await out.delete(`/api/readiness/share-links/${link.id}`)).status()).toBe(401);
    // Dashboard pages send a signed-out visitor to sign in, token or not.
    for (const p of ["/readiness", "/", "/tracker", `/readiness?token=${token}`]) {
      const r = await out.get(p, { maxRedirects: 0 });
      expect(r.status(), p).toBe(307);
      expect(r.headers().location, p).toMatch(/^\/login\?callbackUrl=|^http:\/\/127\.0\.0\.1:\d+\/login\?callbackUrl=/);
    }
    // Paths that only look like the share routes do not open anything either.
    for (const p of [
      `/share/${token}/x`,
      `/api/share/${token}/x`,
      `/share/${token}x`,
      `/api/share/${token}x`,
      "/share/",
      "/api/share/",
    ]) {
      const r = await out.get(p);
      // Not found, or (after the trailing-slash redirect) sent to sign in / refused.
      expect(
        r.status() === 404 || r.status() === 401 || new URL(r.url()).pathname === "/login",
        `${p} → ${r.status()} ${r.url()}`,
      ).toBe(true);
      expect(await r.text(), p).not.toContain("data-verdict");
    }
    const viaDots = await out.get(`/api/share/${token}/../../readiness`, { maxRedirects: 0 });
    expect(viaDots.status()).toBe(401);
    await out.dispose();
  });

  test("revoked: the link stops at once (page 404, API 410), and the list says so", async ({ page }) => {
    const link = await createLink(page.request, { note: "to revoke" });
    const out = await signedOut();
    expect((await out.get(link.path)).status()).toBe(200);

    await page.goto("/readiness");
    const row = page.getByTestId("share-link-row").filter({ hasText: "to revoke" });
    await row.getByRole("button", { name: "Revoke" }).click();
    await expect(row).toHaveAttribute("data-state", "revoked");
    await expect(row).toContainText("revoked");
    await expect(row).toContainText("by engineer");

    const pageRes = await out.get(link.path);
    expect(pageRes.status()).toBe(404);
    const html = await pageRes.text();
    expect(html).toContain("This link does not work");
    expect(html).not.toContain("data-verdict");
    const apiRes = await out.get(`/api/share/${tokenOf(link.path)}`);
    expect(apiRes.status()).toBe(410);
    expect(await apiRes.json()).toMatchObject({ error: "revoked" });
    await out.dispose();
  });

  test("only the creator or an admin revokes; a viewer cannot list or create", async ({ page, browser }) => {
    const link = await createLink(page.request, { note: "engineer's" });
    const adminContext = await browser.newContext({ storageState: storageStateFor("admin") });
    const salesContext = await browser.newContext({ storageState: storageStateFor("sales") });
    const adminLink = await createLink(adminContext.request, { note: "admin's" });
    expect(
      (await page.request.delete(`/api/readiness/share-links/${adminLink.id}`, { headers: SAME_ORIGIN })).status(),
    ).toBe(403);
    expect((await salesContext.request.get("/api/readiness/share-links")).status()).toBe(403);
    expect(
      (await salesContext.request.delete(`/api/readiness/share-links/${link.id}`, { headers: SAME_ORIGIN })).status(),
    ).toBe(403);
    const revoked = await adminContext.request.delete(`/api/readiness/share-links/${link.id}`, {
      headers: SAME_ORIGIN,
    });
    expect(revoked.status()).toBe(200);
    expect(await revoked.json()).toMatchObject({ link: { state: "revoked", revokedBy: "admin" } });
    expect(
      (await page.request.delete("/api/readiness/share-links/not-a-uuid", { headers: SAME_ORIGIN })).status(),
    ).toBe(400);
    await adminContext.close();
    await salesContext.close();
  });

  test("expired: the one-minute link from the first test no longer works (page 404, API 410)", async () => {
    if (!shortLived) throw new Error("the first test in this group creates the link");
    const out = await signedOut();
    const wait = shortLivedAt + 61_000 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const pageRes = await out.get(shortLived.path);
    expect(pageRes.status()).toBe(404);
    expect(await pageRes.text()).not.toContain("data-verdict");
    const apiRes = await out.get(`/api/share/${tokenOf(shortLived.path)}`);
    expect(apiRes.status()).toBe(410);
    expect(await apiRes.json()).toMatchObject({ error: "expired" });
    await out.dispose();
  });
});

test("an open public page says so when its link is revoked while it is open", async ({ browser }) => {
  const engineer = await browser.newContext({ storageState: storageStateFor("engineer") });
  const link = await createLink(engineer.request, { note: "open page" });
  const outside = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const pub: Page = await outside.newPage();
  await pub.clock.install();
  await pub.goto(link.path);
  await expect(pub.getByTestId("readiness-verdict")).toBeVisible();
  expect(
    (await engineer.request.delete(`/api/readiness/share-links/${link.id}`, { headers: SAME_ORIGIN })).status(),
  ).toBe(200);
  // The page refreshes every 30 s.
  await pub.clock.runFor(31_000);
  await expect(pub.getByTestId("share-gone")).toContainText("This share link was withdrawn.");
  await expect(pub.getByTestId("readiness-verdict")).toHaveCount(0);
  await outside.close();
  await engineer.close();
});

test("the page and the public view have no serious or critical accessibility violations", async ({ browser }) => {
  const engineer = await browser.newContext({ storageState: storageStateFor("engineer") });
  const page = await engineer.newPage();
  await page.goto("/readiness?demoAt=23:59");
  await expect(page.getByTestId("demo-risk")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Share links" })).toBeVisible();
  const link = await createLink(engineer.request, { note: "a11y" });
  const outside = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const pub = await outside.newPage();
  await pub.goto(link.path);
  await expect(pub.getByTestId("readiness-verdict")).toBeVisible();
  for (const p of [page, pub]) {
    const results = await new AxeBuilder({ page: p }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${p.url()} ${v.id}: ${v.help}`)).toEqual([]);
  }
  await outside.close();
  await engineer.close();
});
