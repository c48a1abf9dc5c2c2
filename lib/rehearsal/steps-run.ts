import type { Page } from "playwright-core";
import type { FrameLog } from "./frame-log";
import type { JourneyStep } from "@/lib/config/core/rehearsal-steps";
import type { RehearsalScreenshot } from "@/lib/rehearsal/core/types";

/** One declarative step as one Playwright call; nothing from the config is ever evaluated as code. */

export class StepError extends Error {}

/** Playwright's words for a page, context or browser that went away under a call. */
export function isGone(err: unknown): boolean {
  return (
    err instanceof Error &&
    /has been closed|Target crashed|browser has disconnected|Browser closed|Page crashed/i.test(err.message)
  );
}

export interface StepContext {
  page: Page;
  secrets: Readonly<Record<string, string>>;
  frames: FrameLog;
  shots: RehearsalScreenshot[];
}

async function shownText(page: Page, selector: string): Promise<string> {
  const text = await page
    .locator(selector)
    .first()
    .textContent({ timeout: 300 })
    .catch(() => null);
  return text === null ? "nothing (no such element)" : JSON.stringify(text.trim().slice(0, 120));
}

function pathOf(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search;
}

export async function runStep(step: JourneyStep, timeout: number, ctx: StepContext): Promise<void> {
  const { page } = ctx;
  switch (step.action) {
    case "goto": {
      const res = await page.goto(step.url, { timeout, waitUntil: "load" });
      if (res && res.status() >= 400) throw new StepError(`${pathOf(step.url)} answered HTTP ${res.status()}`);
      return;
    }
    case "fill": {
      const value = step.secret !== undefined ? ctx.secrets[step.secret] : step.value;
      if (value === undefined) throw new StepError(`${step.secret ?? "the value"} is not set in the environment`);
      await page.locator(step.selector).fill(value, { timeout });
      return;
    }
    case "click":
      try {
        await page.locator(step.selector).click({ timeout });
      } catch (err) {
        if (isGone(err) || !/Timeout/i.test(err instanceof Error ? err.message : "")) throw err;
        // Playwright's click also waits for the navigation it starts: a sign-in POST that hangs.
        // Asked with a short bound: a frame that is mid-navigation may not answer at all.
        const there = await Promise.race([
          page
            .locator(step.selector)
            .first()
            .isVisible()
            .catch(() => false),
          new Promise<null>((r) => setTimeout(() => r(null), 300)),
        ]);
        throw new StepError(
          there !== false
            ? `clicked ${step.selector}, but the page it opened did not answer within ${timeout} ms`
            : `${step.selector} was not there to click within ${timeout} ms`,
        );
      }
      return;
    case "expectVisible":
      await page.locator(step.selector).first().waitFor({ state: "visible", timeout });
      return;
    case "expectText":
      try {
        await page.locator(step.selector).filter({ hasText: step.text }).first().waitFor({ state: "visible", timeout });
      } catch (err) {
        if (isGone(err)) throw err;
        throw new StepError(
          `${step.selector} did not show ${JSON.stringify(step.text)} within ${timeout} ms (it showed ${await shownText(page, step.selector)})`,
        );
      }
      return;
    case "expectUrl":
      try {
        await page.waitForURL((u) => (u.pathname + u.search).startsWith(step.path), { timeout, waitUntil: "commit" });
      } catch (err) {
        if (isGone(err)) throw err;
        throw new StepError(
          `the page did not reach ${step.path} within ${timeout} ms (it stayed at ${pathOf(page.url())})`,
        );
      }
      return;
    case "waitForWebSocketMessage":
      await ctx.frames.waitFor(step.contains, step.urlContains, timeout);
      return;
    case "screenshot":
      ctx.shots.push({ kind: step.label, png: await page.screenshot({ timeout }) });
      return;
  }
}
