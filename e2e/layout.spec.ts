import { expect, test, type Locator, type Page } from "@playwright/test";
import { storageStateFor } from "./stack-state";

/**
 * Issue 28: the Overview's grids fill their rows (no card alone with an empty gap beside it)
 * at desktop and phone widths, and every time axis longer than a day shows dates.
 */

/** Rows of a grid's cards (by their top) that end short of the grid's right edge by more than a card's width. */
async function rowsWithGap(grid: Locator): Promise<string[]> {
  return grid.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const cards = [...el.children].map((c) => c.getBoundingClientRect()).filter((r) => r.width > 0);
    const rows = new Map<number, DOMRect[]>();
    for (const r of cards) rows.set(Math.round(r.top), [...(rows.get(Math.round(r.top)) ?? []), r]);
    const narrowest = Math.min(...cards.map((r) => r.width));
    return [...rows.entries()].flatMap(([top, rs]) => {
      const right = Math.max(...rs.map((r) => r.right));
      const gap = box.right - right;
      return gap > Math.min(narrowest / 2, 40)
        ? [`row at ${top}: ${rs.length} card(s), ${Math.round(gap)} px empty`]
        : [];
    });
  });
}

async function expectFullRows(page: Page) {
  for (const id of ["overview-figures", "overview-progress"]) {
    const grid = page.getByTestId(id);
    await expect(grid).toBeVisible();
    expect(await grid.locator(":scope > *").count(), id).toBeGreaterThanOrEqual(3);
    expect(await rowsWithGap(grid), id).toEqual([]);
  }
}

test.describe("layout (incident)", () => {
  test.use({ storageState: storageStateFor("leader") });

  for (const viewport of [
    { width: 1400, height: 900 },
    { width: 390, height: 844 },
  ]) {
    test(`Overview at ${viewport.width} px: every row of cards is full`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.goto("/?range=1h");
      await expect(page.getByTestId("database-card").or(page.locator("#database-card"))).toBeVisible();
      await expectFullRows(page);
    });
  }

  test("a multi-day time axis shows dates: the 28-day SLO burndown and a 7-day range", async ({ page }) => {
    const dated = /^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/;
    const ticks = (chart: Locator) => chart.locator(".recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-label");

    await page.goto("/slo");
    const burndown = page.locator("figure", { hasText: "Error budget burndown" }).first();
    await expect(ticks(burndown).first()).toBeVisible();
    const sloTicks = await ticks(burndown).allTextContents();
    expect(sloTicks.length).toBeGreaterThan(1);
    for (const t of sloTicks) expect(t).toMatch(dated);

    await page.goto("/startups?range=7d");
    const chart = page.locator("figure", { has: page.locator(".recharts-xAxis") }).first();
    await expect(ticks(chart).first()).toBeVisible();
    for (const t of await ticks(chart).allTextContents()) expect(t).toMatch(dated);

    // A short range keeps the clock.
    await page.goto("/startups?range=1h");
    const short = page.locator("figure", { has: page.locator(".recharts-xAxis") }).first();
    await expect(ticks(short).first()).toBeVisible();
    for (const t of await ticks(short).allTextContents()) expect(t).toMatch(/^\d\d:\d\d$/);
  });
});
