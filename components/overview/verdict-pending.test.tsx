import { readFileSync } from "node:fs";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { parseStagingConfig } from "@/lib/config/staging-config";
import { overviewModel } from "@/lib/metrics/core/views/overview";
import { freshRead, INTERVAL, minuteSeries, NOW } from "@/lib/metrics/core/views/testing";
import type { OverviewResponse } from "@/lib/metrics/schemas";
import { overviewQuery } from "@/lib/query/dashboard-queries";
import { OverviewCards } from "./overview-cards";

const SEARCH = "range=1h";
const config = parseStagingConfig(readFileSync("staging.config.json", "utf8"), "staging.config.json", {});

/** An Overview answer whose evidence is all in and fresh: every start-up fails, so staging is down. */
function answer(): OverviewResponse {
  const probes = ["backend", "auth"].flatMap((service) => [
    minuteSeries({ service_name: service, is_healthy: "true" }, 0),
    minuteSeries({ service_name: service, is_healthy: "false" }, 5),
  ]);
  return overviewModel(
    {
      preset: "1h",
      interval: INTERVAL,
      live: true,
      source: "emulator",
      probes: freshRead(probes),
      sent: freshRead([minuteSeries({}, 1_000_000)]),
      received: freshRead([minuteSeries({}, 1_000_000)]),
      instances: freshRead([minuteSeries({}, 2)]),
      up: freshRead([minuteSeries({}, 1)]),
      backends: freshRead([minuteSeries({}, 20)]),
      failures: freshRead({ events: [], truncated: false, explorerUrl: "https://console.cloud.google.com/logs/query" }),
      failureCounts: freshRead({ state: "unavailable", reason: "not counted in this test" }),
      goldenPath: [],
    },
    config,
    NOW,
  ) as OverviewResponse;
}

function render(client: QueryClient): string {
  return renderToStaticMarkup(
    <QueryClientProvider client={client}>
      <OverviewCards search={SEARCH} />
    </QueryClientProvider>,
  );
}

// The verdict is the page's largest paint; it waited for the slowest read (a cold Cloud Logging
// read, seconds) before anything stood in its place. Now its place says "not yet known" at once.
describe("the Overview's verdict before and after its evidence is read", () => {
  it("first paints a grey, named 'not yet known' banner, never a verdict, while the answer is still coming", () => {
    const html = render(new QueryClient());
    expect(html).toContain('data-testid="verdict-pending"');
    expect(html).toContain('data-shown="unknown"');
    expect(html).toMatch(/class="banner status-unknown"[^>]*aria-labelledby="verdict-pending-title"/);
    expect(html).toMatch(/<h2 id="verdict-pending-title"[^>]*>Staging health: not yet known — reading…<\/h2>/);
    expect(html).not.toContain('data-testid="verdict"');
    expect(html).not.toMatch(/status-(ok|warn|bad|maintenance)/);
    expect(html).not.toMatch(/Staging is /);
  });

  it("turns into the real verdict once the answer is in", () => {
    const client = new QueryClient();
    const data = answer();
    expect(data.verdict.status).toBe("down");
    client.setQueryData(overviewQuery(SEARCH).queryKey, data);
    const html = render(client);
    expect(html).toContain('data-testid="verdict"');
    expect(html).toContain('data-shown="down"');
    expect(html).toContain("Staging is down");
    expect(html).not.toContain("verdict-pending");
  });
});
