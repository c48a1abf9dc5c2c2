import { chromium, type Page } from "@playwright/test";
import type { StatsResponse } from "@/lib/metrics/schemas";
import { openEventStream, type OpenedStream } from "@/lib/stream/testing";
import { cpuSeconds } from "./lib/proc";
import { setBackendStandin, startBenchStack, type BenchStack } from "./lib/stack";

/**
 * Issue 28's push to open pages (decision 0027):
 * - time from the golden-path backend starting to fail to an open Overview in Chromium showing
 *   it down, worst of 5 trials (the stream brings it; the page's polling is 30 s while live);
 * - 100 open streams against one: upstream calls, and the server's CPU over the same window.
 */

const TRIALS = 5;
const GOAL_S = 20;
const CPU_WINDOW_MS = 30_000;
const STREAMS = 100;
const FLAP_WINDOW_MS = 10 * 15_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** backend-health's badge on the Overview's golden-path strip. */
const badge = (page: Page) =>
  page.getByTestId("golden-path").getByRole("listitem").filter({ hasText: "backend-health" }).locator(".badge");

async function waitForBadge(page: Page, status: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (
      (
        await badge(page)
          .textContent({ timeout: 1_000 })
          .catch(() => null)
      )?.trim() === status
    )
      return true;
    await sleep(100);
  }
  return false;
}

const streamStatus = (page: Page) =>
  page
    .getByRole("status")
    .filter({ hasText: /Live updates/ })
    .textContent();

async function timeToPage(): Promise<string[]> {
  const stack = await startBenchStack({}, "healthy");
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  let watcher: OpenedStream | null = null;
  try {
    const context = await browser.newContext();
    await context.addCookies(
      stack.cookie.split("; ").map((pair) => {
        const eq = pair.indexOf("=");
        return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url: stack.baseURL };
      }),
    );
    const page = await context.newPage();
    await page.goto(`${stack.baseURL}/`);
    if (!(await waitForBadge(page, "up", 180_000)))
      return [`time to page: could not be measured — backend-health never showed up on the page`];
    // A stream of our own, to tell when the change left the server.
    watcher = await openEventStream(`${stack.baseURL}/api/stream`, { cookie: stack.cookie });
    // The watcher records nothing in its first 30 s: wait for the first recorded states.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const hello = watcher.events.find((e) => e.event === "hello");
      if (hello && (JSON.parse(hello.data) as { head: number }).head > 0) break;
      watcher.close();
      await sleep(2_000);
      watcher = await openEventStream(`${stack.baseURL}/api/stream`, { cookie: stack.cookie });
      await sleep(500);
    }
    const trials: string[] = [];
    const seconds: number[] = [];
    for (let i = 0; i < TRIALS; i++) {
      // Start each trial at a different point of the probe's 15-s schedule.
      await sleep(1_000 + ((i * 3_700) % 15_000));
      const live = (await streamStatus(page)) ?? "";
      const brokeAt = Date.now();
      await setBackendStandin(stack, "down");
      const shown = await waitForBadge(page, "down", 120_000);
      const pageS = (Date.now() - brokeAt) / 1000;
      const event = watcher.events.find(
        (e) => e.at >= brokeAt && e.event === "change" && /"subject":"probe:backend-health".*"to":"down"/.test(e.data),
      );
      const streamS = event ? ((event.at - brokeAt) / 1000).toFixed(1) : "none";
      if (!shown) trials.push(`trial ${i + 1}: not shown within 120 s`);
      else {
        seconds.push(pageS);
        trials.push(`${pageS.toFixed(1)} s (stream event ${streamS} s; page said "${live.trim()}")`);
      }
      // Forced up, not back to the model: the model's own weather would make recovery a lottery.
      await setBackendStandin(stack, "up");
      if (!(await waitForBadge(page, "up", 120_000))) {
        trials.push("backend-health did not recover within 120 s: trials stopped");
        break;
      }
      // Flap control looks at the last 10 attempts (15 s apart): two trials inside one window
      // make backend-health "flapping", not down. Each trial starts from a steady target.
      await sleep(FLAP_WINDOW_MS);
    }
    const worst = seconds.length === TRIALS ? Math.max(...seconds) : Infinity;
    return [
      `time to page (backend stand-in failing → an open Overview in Chromium shows backend-health down, through the stream): worst of ${TRIALS} ${Number.isFinite(worst) ? `${worst.toFixed(1)} s` : "not measured"} (goal ≤ ${GOAL_S} s) ${worst <= GOAL_S ? "PASS" : "FAIL"}; trials: ${trials.join("; ")}`,
    ];
  } finally {
    watcher?.close();
    await browser.close();
    await stack.stop();
  }
}

async function upstreamCalls(stack: BenchStack): Promise<number> {
  const res = await fetch(`${stack.baseURL}/api/internal/stats`, { headers: { cookie: stack.adminCookie } });
  if (!res.ok) throw new Error(`/api/internal/stats answered ${res.status}`);
  const s = (await res.json()) as StatsResponse;
  return s.upstreamCalls;
}

async function window(stack: BenchStack, pid: number) {
  const calls = await upstreamCalls(stack);
  const cpu = cpuSeconds(pid);
  await sleep(CPU_WINDOW_MS);
  return {
    cpuPct: ((cpuSeconds(pid) - cpu) / (CPU_WINDOW_MS / 1000)) * 100,
    calls: (await upstreamCalls(stack)) - calls,
  };
}

async function manyStreams(): Promise<string[]> {
  // Background work off, as in the overview bench: what is left is what viewers cost.
  const stack = await startBenchStack({ STAGEWATCH_PROBES: "off", STAGEWATCH_EVALUATORS: "off" });
  const streams: OpenedStream[] = [];
  try {
    if (!stack.pid) throw new Error("no server process id");
    const open = async () => {
      const s = await openEventStream(`${stack.baseURL}/api/stream`, { cookie: stack.cookie });
      if (s.status !== 200) throw new Error(`/api/stream answered ${s.status}`);
      streams.push(s);
    };
    await open();
    await sleep(5_000);
    const one = await window(stack, stack.pid);
    for (let i = 1; i < STREAMS; i++) await open();
    await sleep(5_000);
    const many = await window(stack, stack.pid);
    const open100 = streams.filter((s) => s.events.some((e) => e.event === "hello")).length;
    // 10 % of an idle server's ~0 % is below what /proc can tell apart: the floor is 1 point of a core.
    const within = many.cpuPct - one.cpuPct <= Math.max(0.1 * one.cpuPct, 1);
    return [
      `${STREAMS} open streams vs 1 (${CPU_WINDOW_MS / 1000} s each, ${open100} streams answered): upstream calls ${one.calls} vs ${many.calls} ${many.calls <= one.calls ? "PASS" : "FAIL"}; server CPU ${one.cpuPct.toFixed(2)} % vs ${many.cpuPct.toFixed(2)} % of a core (+${(many.cpuPct - one.cpuPct).toFixed(2)} points; goal: ≤ +10 % of one stream's, with a floor of +1 point) ${within ? "PASS" : "FAIL"}`,
    ];
  } finally {
    for (const s of streams) s.close();
    await stack.stop();
  }
}

export async function benchStream(): Promise<string[]> {
  return [...(await manyStreams()), ...(await timeToPage())];
}
