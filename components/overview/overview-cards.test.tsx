import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { OverviewCards } from "./overview-cards";
import { OverviewSkeleton } from "./overview-skeleton";

// Lighthouse, cold server: the prefetch failed, the browser loaded the Overview itself, and the
// 320 px widget skeleton that stood in for the full-size Suspense placeholder pulled the cards
// below into view and pushed them out again (a layout shift of 0.27).
describe("OverviewCards while its data is loading in the browser", () => {
  it("shows the same full-size placeholder as the page's Suspense fallback", () => {
    const html = renderToStaticMarkup(
      <QueryClientProvider client={new QueryClient()}>
        <OverviewCards search="range=1h" />
      </QueryClientProvider>,
    );
    expect(html).toBe(renderToStaticMarkup(<OverviewSkeleton />));
    expect(html).not.toContain("Loading Staging health");
  });
});
