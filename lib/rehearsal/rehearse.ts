import { performance } from "node:perf_hooks";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { BrowserProbeConfig } from "@/lib/config/core/staging-schema";
import { BrowserUnavailableError, type BrowserHost } from "./browser-host";
import { FrameLog } from "./frame-log";
import { stepLabel } from "@/lib/config/core/rehearsal-steps";
import { isGone, runStep, StepError } from "./steps-run";
import type { RehearsalOutcome, RehearsalScreenshot, StepOutcome } from "@/lib/rehearsal/core/types";

/**
 * One rehearsal: a fresh browser context walks the journey's steps, each bounded by its own
 * timeout and all by the journey's deadline. Whatever happens (a hung page, a crashed
 * browser, the deadline) ends as an outcome, never an exception, and the browser is left
 * clean: the context closed, or the whole browser killed when it will not close.
 */

const SCREENSHOT_MS = 3_000;
const CLOSE_MS = 3_000;
/** Our own bound over each Playwright call, for the case where the browser stops answering at all. */
const STEP_GRACE_MS = 2_000;

export interface RehearseOptions {
  host: BrowserHost;
  /** REHEARSAL_* values for `fill` steps; scrubbed from every error message. */
  secrets: Readonly<Record<string, string>>;
}

function bounded<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StepError(message)), ms);
  });
  work.catch(() => {});
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split("\n")[0] ?? "").trim().slice(0, 400) || "unknown error";
}

function scrub(text: string, secrets: Readonly<Record<string, string>>): string {
  let out = text;
  for (const value of Object.values(secrets)) if (value.length >= 3) out = out.split(value).join("••••");
  return out;
}

interface Walk {
  failedStep: number | null;
  error: string | null;
  crashed: boolean;
}

async function walk(
  browser: Browser,
  cfg: BrowserProbeConfig,
  steps: StepOutcome[],
  shots: RehearsalScreenshot[],
  t0: number,
  opts: RehearseOptions,
): Promise<Walk & { page: Page | null; context: BrowserContext | null }> {
  const elapsed = () => Math.round(performance.now() - t0);
  let crashed = false;
  const onGone = () => (crashed = true);
  browser.once("disconnected", onGone);
  let context: BrowserContext | null = null;
  let page: Page | null = null;
  const frames = new FrameLog();
  try {
    context = await bounded(
      browser.newContext({ viewport: cfg.viewport, serviceWorkers: "block", acceptDownloads: false }),
      10_000,
      "the browser did not open a context within 10 s",
    );
    page = await bounded(context.newPage(), 10_000, "the browser did not open a page within 10 s");
  } catch (err) {
    browser.off("disconnected", onGone);
    return {
      failedStep: 1,
      error: `The browser could not open a page: ${firstLine(err)}`,
      crashed: crashed || !browser.isConnected(),
      page,
      context,
    };
  }
  page.on("crash", onGone);
  page.on("websocket", (ws) => {
    ws.on("framereceived", (f) =>
      frames.push(ws.url(), typeof f.payload === "string" ? f.payload : f.payload.toString("utf8")),
    );
    ws.on("socketerror", (e) => frames.problem(`${new URL(ws.url()).pathname}: ${e}`));
  });
  const deadlineAt = t0 + cfg.timeoutMs;
  for (const [i, step] of cfg.steps.entries()) {
    const out = steps[i];
    if (!out) continue;
    const remaining = Math.floor(deadlineAt - performance.now());
    if (remaining <= 0) {
      out.status = "failed";
      out.error = `the journey's deadline of ${cfg.timeoutMs} ms passed before this step`;
      break;
    }
    const limit = Math.min(step.timeoutMs, remaining);
    out.startMs = elapsed();
    try {
      await bounded(
        runStep(step, limit, { page, secrets: opts.secrets, frames, shots }),
        limit + STEP_GRACE_MS,
        `no answer from the browser within ${limit} ms`,
      );
      out.status = "passed";
    } catch (err) {
      out.status = "failed";
      if (isGone(err)) crashed = true;
      const deadlineHit = limit < step.timeoutMs && performance.now() >= deadlineAt - 50;
      const reason =
        crashed || isGone(err) || !browser.isConnected()
          ? "the browser crashed or was killed during this step"
          : firstLine(err);
      out.error = scrub(
        deadlineHit ? `the journey's deadline of ${cfg.timeoutMs} ms passed during this step (${reason})` : reason,
        opts.secrets,
      );
    }
    out.durationMs = elapsed() - out.startMs;
    if (out.status === "failed") break;
  }
  browser.off("disconnected", onGone);
  const failed = steps.find((s) => s.status === "failed");
  return {
    failedStep: failed?.index ?? null,
    error: failed ? `Step ${failed.index} "${failed.label}" failed: ${failed.error ?? "unknown error"}` : null,
    crashed: crashed || !browser.isConnected(),
    page,
    context,
  };
}

/**
 * The page as it is now. Playwright's screenshot waits for a pending navigation (a sign-in
 * POST that hangs), so a failure falls back to asking Chromium directly for the current frame.
 */
async function capture(context: BrowserContext, page: Page): Promise<Buffer | null> {
  const shot = await bounded(
    page.screenshot({ timeout: SCREENSHOT_MS }),
    SCREENSHOT_MS + STEP_GRACE_MS,
    "screenshot",
  ).catch(() => null);
  if (shot) return shot;
  return bounded(
    (async () => {
      const cdp = await context.newCDPSession(page);
      const { data } = await cdp.send("Page.captureScreenshot", { format: "png" });
      return Buffer.from(data, "base64");
    })(),
    SCREENSHOT_MS,
    "screenshot",
  ).catch(() => null);
}

export async function rehearse(cfg: BrowserProbeConfig, opts: RehearseOptions): Promise<RehearsalOutcome> {
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const steps: StepOutcome[] = cfg.steps.map((s, i) => ({
    index: i + 1,
    label: stepLabel(s),
    action: s.action,
    status: "not-run",
    startMs: null,
    durationMs: null,
    error: null,
  }));
  const shots: RehearsalScreenshot[] = [];
  const outcome = (
    status: RehearsalOutcome["status"],
    failedStep: number | null,
    error: string | null,
  ): RehearsalOutcome => ({
    probe: cfg.name,
    status,
    startedAt,
    durationMs: Math.round(performance.now() - t0),
    steps,
    failedStep,
    error,
    screenshots: shots,
  });
  try {
    opts.host.checkExecutable();
  } catch (err) {
    return outcome("unknown", null, (err as Error).message);
  }
  try {
    return await opts.host.withBrowser(async (browser) => {
      const w = await walk(browser, cfg, steps, shots, t0, opts);
      if (w.page && w.context && !w.crashed) {
        const png = await capture(w.context, w.page);
        if (png) shots.push({ kind: w.failedStep === null ? "end" : "failure", png });
      }
      // A context that will not close (a renderer stuck in a loop, a browser that stopped answering) costs the whole browser.
      const closed =
        w.crashed || !w.context
          ? false
          : await bounded(w.context.close(), CLOSE_MS, "close").then(
              () => true,
              () => false,
            );
      if (!closed) await opts.host.kill();
      return outcome(w.failedStep === null ? "passed" : "failed", w.failedStep, w.error);
    });
  } catch (err) {
    await opts.host.kill();
    // A browser that cannot even start tells nothing about the demo: unknown, not failed and never passed.
    if (err instanceof BrowserUnavailableError) return outcome("unknown", null, err.message);
    return outcome("unknown", null, `The browser could not be started: ${firstLine(err)}`);
  }
}
