import { expect, test } from "@playwright/test";
import { openEventStream, type OpenedStream } from "../lib/stream/testing";
import { savedCookie, signInOverHttp, signOutOverHttp } from "./http-session";
import { DEMO_PASSWORD, readStackState, storageStateFor } from "./stack-state";

/**
 * The push channel on the shared stack (decision 0027): a page falls back to polling when its
 * stream is cut and says so; a stream ends with its session; a viewer's stream carries no
 * failure detail. Lean on purpose: the stream's own suite (lib/stream) covers the rest.
 */

const base = () => readStackState().baseURL;
const hello = (s: OpenedStream) => s.waitFor((e) => e.event === "hello", 15_000);

test.describe("a page's live updates", () => {
  test.use({ storageState: storageStateFor("leader") });

  test("a page whose stream is cut keeps updating by polling and says so, then goes live again", async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto("/");
    const status = page.getByRole("status").filter({ hasText: /Live updates/ });
    await expect(status).toHaveText("Live updates on", { timeout: 30_000 });

    // Cut it: the way back is refused, and the open stream is aborted (window.stop() cancels the
    // document's fetches, the EventSource's among them).
    await page.route("**/api/stream**", (route) => route.abort());
    await page.evaluate(() => window.stop());
    await expect(status).toHaveText(/Live updates paused — polling every 5–30 s/, { timeout: 10_000 });

    const polls: number[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).pathname === "/api/overview") polls.push(Date.now());
    });
    // The Overview polls every 5 s again (three answers within ~15 s, with the machine's margin).
    await expect.poll(() => polls.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    await expect(status).toHaveText(/Live updates paused/);
    await expect(page.getByTestId("golden-path")).toBeVisible();

    await page.unroute("**/api/stream**");
    await expect(status).toHaveText("Live updates on", { timeout: 30_000 });
  });
});

test("a stream closes within 2 s of sign-out", async () => {
  const signIn = await signInOverHttp(base(), "engineer", DEMO_PASSWORD);
  expect(signIn.signedIn).toBe(true);
  const stream = await openEventStream(`${base()}/api/stream`, { cookie: signIn.jar.header() });
  expect(stream.status).toBe(200);
  await hello(stream);
  const signedOutAt = Date.now();
  await signOutOverHttp(base(), signIn.jar);
  const endedAt = await Promise.race([stream.ended, new Promise<number>((r) => setTimeout(() => r(Infinity), 10_000))]);
  stream.close();
  console.log(`stream ended ${endedAt - signedOutAt} ms after sign-out`);
  expect(endedAt - signedOutAt).toBeLessThan(2_000);
});

test("a viewer's stream never carries failure detail; an engineer's does", async () => {
  test.setTimeout(120_000);
  // The stack's watcher records every golden-path probe and the verdict once it has warmed up.
  let head = 0;
  await expect
    .poll(
      async () => {
        const probe = await openEventStream(`${base()}/api/stream`, { cookie: savedCookie("leader") });
        head = (JSON.parse((await hello(probe)).data) as { head: number }).head;
        probe.close();
        return head;
      },
      { timeout: 90_000, intervals: [3_000] },
    )
    .toBeGreaterThan(0);
  const from = String(Math.max(0, head - 100));
  const open = (user: "leader" | "engineer") =>
    openEventStream(`${base()}/api/stream`, { cookie: savedCookie(user), "Last-Event-ID": from });
  const [viewer, engineer] = await Promise.all([open("leader"), open("engineer")]);
  for (const s of [viewer, engineer]) await s.waitFor((e) => e.event === "change", 15_000);
  const changes = (s: OpenedStream) =>
    s.events.filter((e) => e.event === "change").map((e) => JSON.parse(e.data) as Record<string, unknown>);
  for (const c of changes(viewer)) {
    expect(Object.keys(c).sort()).toEqual(["changedAt", "from", "kind", "subject", "to"]);
  }
  expect(changes(engineer).every((c) => Array.isArray(c.reasons) && "likelyCause" in c)).toBe(true);
  viewer.close();
  engineer.close();
});
