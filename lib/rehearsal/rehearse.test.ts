import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { probeSchema, type BrowserProbeConfig } from "@/lib/config/core/staging-schema";
import { BrowserHost } from "./browser-host";
import { rehearse } from "./rehearse";
import { startTestSite, waitForNoProcesses, type TestSite } from "./testing";

/** Real Debian Chromium against a real loopback site. */

const CHROMIUM = "/usr/bin/chromium";
const SECRET = "s3cret-presenter-pw";
let site: TestSite;
let host: BrowserHost;
const pids = new Set<number>();

function journey(steps: unknown[], timeoutMs = 30_000): BrowserProbeConfig {
  const cfg = probeSchema.parse({ name: "demo-journey", type: "browser", timeoutMs, steps });
  if (cfg.type !== "browser") throw new Error("not a browser probe");
  return cfg;
}

const signInJourney = () => [
  { action: "goto", url: `${site.url}/` },
  { action: "fill", selector: "#user", value: "presenter" },
  { action: "fill", selector: "#password", secret: "REHEARSAL_DEMO_PASSWORD" },
  { action: "click", selector: "button[type=submit]", name: "Sign in" },
  { action: "expectUrl", path: "/dashboard" },
  { action: "waitForWebSocketMessage", contains: '"type":"value"', urlContains: "/ws" },
  { action: "expectText", selector: "#live", text: "42", timeoutMs: 5000 },
  { action: "screenshot", label: "dashboard" },
];

function notePid(): void {
  const pid = host.pid();
  if (pid) pids.add(pid);
}

beforeAll(async () => {
  site = await startTestSite();
});
afterAll(async () => {
  await site.close();
});
afterEach(async () => {
  notePid();
  await host.close();
  for (const pid of pids) expect(await waitForNoProcesses(pid), `Chromium processes of group ${pid} left`).toEqual([]);
  pids.clear();
});

function newHost(): BrowserHost {
  host = new BrowserHost({ executablePath: CHROMIUM, idleCloseMs: 60_000 });
  return host;
}

describe("a rehearsal in real Chromium", () => {
  it("passes a journey with a timing for every step and an end screenshot; the secret reaches the page and nowhere else", async () => {
    const outcome = await rehearse(journey(signInJourney()), {
      host: newHost(),
      secrets: { REHEARSAL_DEMO_PASSWORD: SECRET },
    });
    expect(outcome.error).toBeNull();
    expect(outcome.status).toBe("passed");
    expect(outcome.steps.map((s) => s.status)).toEqual(Array(8).fill("passed"));
    for (const s of outcome.steps) {
      expect(s.startMs).toBeGreaterThanOrEqual(0);
      expect(s.durationMs).toBeGreaterThanOrEqual(0);
    }
    expect(outcome.steps[3]?.label).toBe("Sign in");
    expect(outcome.durationMs).toBeGreaterThan(0);
    expect(outcome.screenshots.map((s) => s.kind)).toEqual(["dashboard", "end"]);
    expect(outcome.screenshots[1]?.png.subarray(1, 4).toString()).toBe("PNG");
    expect(site.posted.at(-1)).toBe(SECRET);
    expect(JSON.stringify({ ...outcome, screenshots: [] })).not.toContain(SECRET);
  }, 60_000);

  it("fails at the step that did not hold, says what the page showed, keeps a failure screenshot and skips the rest", async () => {
    const steps = signInJourney();
    steps[6] = { action: "expectText", selector: "#live", text: "99", timeoutMs: 1500 };
    const outcome = await rehearse(journey(steps), { host: newHost(), secrets: { REHEARSAL_DEMO_PASSWORD: SECRET } });
    expect(outcome.status).toBe("failed");
    expect(outcome.failedStep).toBe(7);
    expect(outcome.error).toMatch(
      /^Step 7 "expectText #live "99"" failed: #live did not show "99" within 1500 ms \(it showed "42"\)/,
    );
    expect(outcome.steps.map((s) => s.status)).toEqual([...Array(6).fill("passed"), "failed", "not-run"]);
    expect(outcome.screenshots.map((s) => s.kind)).toEqual(["failure"]);
  }, 60_000);

  it("fails a fill whose secret is not set, without running the browser on an empty password", async () => {
    const outcome = await rehearse(journey(signInJourney()), { host: newHost(), secrets: {} });
    expect(outcome.failedStep).toBe(3);
    expect(outcome.error).toContain("REHEARSAL_DEMO_PASSWORD is not set in the environment");
  }, 60_000);

  it("ends a hung page as failed at its step, kills the stuck browser, and the next run starts a fresh one", async () => {
    newHost();
    const hung = await rehearse(
      journey([
        { action: "goto", url: `${site.url}/busy` },
        { action: "expectText", selector: "#go", text: "Went", timeoutMs: 1500 },
      ]),
      { host, secrets: {} },
    );
    notePid();
    expect(hung.status).toBe("failed");
    expect(hung.failedStep).toBe(2);
    expect(hung.durationMs).toBeLessThan(15_000);
    const next = await rehearse(
      journey([
        { action: "goto", url: `${site.url}/` },
        { action: "expectVisible", selector: "#user" },
      ]),
      { host, secrets: {} },
    );
    notePid();
    expect(next.status).toBe("passed");
  }, 60_000);

  it("ends a run whose browser crashes as failed, naming the crash, and relaunches for the next run", async () => {
    newHost();
    const running = rehearse(
      journey([
        { action: "goto", url: `${site.url}/` },
        { action: "expectText", selector: "#user", text: "never", timeoutMs: 20_000 },
      ]),
      { host, secrets: {} },
    );
    for (let i = 0; i < 100 && host.pid() === null; i++) await new Promise((r) => setTimeout(r, 100));
    const pid = host.pid();
    expect(pid).not.toBeNull();
    if (pid) pids.add(pid);
    await new Promise((r) => setTimeout(r, 1500));
    process.kill(pid ?? 0, "SIGKILL");
    const crashed = await running;
    expect(crashed.status).toBe("failed");
    expect(crashed.error).toMatch(/crashed or was killed/);
    expect(crashed.durationMs).toBeLessThan(10_000);
    const next = await rehearse(journey([{ action: "goto", url: `${site.url}/` }]), { host, secrets: {} });
    notePid();
    expect(next.status).toBe("passed");
    expect(host.launches).toBe(2);
  }, 60_000);

  it("ends a run whose browser stops answering altogether (SIGSTOP) as failed, and kills it", async () => {
    newHost();
    const running = rehearse(
      journey([
        { action: "goto", url: `${site.url}/` },
        { action: "expectText", selector: "#user", text: "never", timeoutMs: 3000 },
      ]),
      { host, secrets: {} },
    );
    for (let i = 0; i < 100 && host.pid() === null; i++) await new Promise((r) => setTimeout(r, 100));
    const pid = host.pid();
    if (pid) pids.add(pid);
    await new Promise((r) => setTimeout(r, 1500));
    process.kill(-(pid ?? 0), "SIGSTOP");
    const started = Date.now();
    const stuck = await running;
    expect(stuck.status).toBe("failed");
    expect(stuck.failedStep).toBe(2);
    // The step's timeout and our bound over it, the screenshot tries and the close bound: then the kill.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(host.pid()).toBeNull();
  }, 60_000);

  it("ends a journey longer than its deadline at the deadline, naming it", async () => {
    newHost();
    const started = Date.now();
    const outcome = await rehearse(
      journey(
        [
          { action: "goto", url: `${site.url}/never`, timeoutMs: 20_000 },
          { action: "expectVisible", selector: "#x" },
        ],
        // Long enough for Chromium to start on a busy machine, so the deadline passes during the step.
        6_000,
      ),
      { host, secrets: {} },
    );
    notePid();
    expect(outcome.status).toBe("failed");
    expect(outcome.failedStep).toBe(1);
    expect(outcome.error).toMatch(/deadline of 6000 ms passed during this step/);
    expect(Date.now() - started).toBeLessThan(6_000 + 6_000);
    expect(outcome.steps[1]?.status).toBe("not-run");
  }, 60_000);

  it("is unknown, never passed, when there is no browser", async () => {
    host = new BrowserHost({ executablePath: "/nonexistent/chromium" });
    const outcome = await rehearse(journey([{ action: "goto", url: `${site.url}/` }]), { host, secrets: {} });
    expect(outcome.status).toBe("unknown");
    expect(outcome.error).toMatch(/No browser to rehearse with: \/nonexistent\/chromium cannot be run \(ENOENT\)/);
    expect(outcome.steps[0]?.status).toBe("not-run");
  });
});
