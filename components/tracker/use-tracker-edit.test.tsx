import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { useTrackerEdit } from "./use-tracker-edit";

function StatusSelect() {
  const edit = useTrackerEdit<string>(async () => undefined);
  return (
    <select aria-label="Status" disabled={edit.disabled} value="todo" onChange={(e) => edit.run(e.target.value)}>
      <option value="todo">todo</option>
    </select>
  );
}

// Enabled after hydration is walked by e2e/tracker.spec.ts: Playwright's selectOption waits for
// an enabled control, so a select that never enabled would fail it.
describe("useTrackerEdit", () => {
  it("disables its control in the server's HTML, so a status chosen before hydration is not sent as the old one", () => {
    const html = renderToStaticMarkup(
      <QueryClientProvider client={new QueryClient()}>
        <StatusSelect />
      </QueryClientProvider>,
    );
    expect(html).toContain('<select aria-label="Status" disabled=""');
  });
});
