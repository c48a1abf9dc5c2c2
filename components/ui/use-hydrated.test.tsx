import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { useHydrated } from "./use-hydrated";

function Filter() {
  const hydrated = useHydrated();
  return (
    <select disabled={!hydrated} value="" onChange={() => {}}>
      <option value="">all</option>
    </select>
  );
}

// Hydrated (enabled) is walked by e2e/views.spec.ts: Playwright's selectOption waits for an
// enabled control, so a filter that never enabled would fail it.
describe("useHydrated", () => {
  it("is false in the server's HTML, so a URL filter cannot be changed before React owns it", () => {
    expect(renderToStaticMarkup(<Filter />)).toContain("<select disabled");
  });
});
