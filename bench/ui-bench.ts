import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { chromium } from "@playwright/test";

const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const METRICS = [
  "first-contentful-paint",
  "largest-contentful-paint",
  "total-blocking-time",
  "cumulative-layout-shift",
  "speed-index",
];

/** Lighthouse (desktop preset) on the signed-in Overview: performance and accessibility scores. */
export async function benchLighthouse(baseURL: string, cookie: string): Promise<string[]> {
  // A running server, not one that has never rendered this page: the first render of a route
  // loads its modules (about 2 s of time to first byte here), which no later visitor pays.
  await fetch(`${baseURL}/`, { headers: { cookie } }).then((r) => r.arrayBuffer());
  const chrome = await chromeLauncher.launch({ chromePath: "/usr/bin/chromium", chromeFlags: CHROME_FLAGS });
  try {
    const result = await lighthouse(
      `${baseURL}/`,
      {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: ["performance", "accessibility"],
        extraHeaders: { Cookie: cookie },
      },
      desktopConfig,
    );
    const cats = result?.lhr.categories;
    const score = (s: number | null | undefined) => (s == null ? "n/a" : String(Math.round(s * 100)));
    const finalUrl = result?.lhr.finalDisplayedUrl ?? "?";
    // Issue 16: which metric holds the score down — each with its value and its own score.
    const audits = result?.lhr.audits ?? {};
    const metrics = METRICS.map((id) => {
      const a = audits[id];
      return `${id} ${a?.displayValue ?? "n/a"} (${score(a?.score)})`;
    }).join(", ");
    return [
      `lighthouse desktop on ${finalUrl.replace(baseURL, "") || "/"}: performance ${score(cats?.performance?.score)} (goal ≥ 98), accessibility ${score(cats?.accessibility?.score)} (goal ≥ 95)`,
      `lighthouse metrics: ${metrics}`,
    ];
  } finally {
    chrome.kill();
  }
}

/** First-load JavaScript of the Overview route: the compressed bytes the browser received. */
export async function benchFirstLoadJs(baseURL: string, cookie: string): Promise<string[]> {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROME_FLAGS.slice(1) });
  try {
    const context = await browser.newContext({ extraHTTPHeaders: { Cookie: cookie } });
    const page = await context.newPage();
    const sizes: Promise<number>[] = [];
    page.on("response", (res) => {
      if (res.request().resourceType() === "script")
        sizes.push(
          res
            .request()
            .sizes()
            .then((s) => s.responseBodySize),
        );
    });
    await page.goto(`${baseURL}/`, { waitUntil: "networkidle" });
    const total = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
    return [
      `first-load JS of / : ${(total / 1024).toFixed(1)} KB compressed in ${sizes.length} scripts (goal ≤ 250 KB)`,
    ];
  } finally {
    await browser.close();
  }
}
