import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ChangesResponse } from "@/lib/metrics/changes-schema";
import { ChangesNote, chartChangesOf } from "./chart-changes";

// Issue 25: a Logging failure leaves the charts drawn with "changes unknown", never an empty "no changes".

const answer = { changes: [], stale: false, measuredAt: "2026-12-07T03:00:00.000Z" } as unknown as ChangesResponse;

describe("chart changes", () => {
  it("an unreadable audit log (no answer yet) is unknown, said as such, never 'No changes'", () => {
    const state = chartChangesOf({
      data: undefined,
      isError: true,
      error: new Error("Cloud Logging is unreachable"),
    });
    expect(state).toEqual({ state: "unknown", reason: "Cloud Logging is unreachable" });
    const html = renderToStaticMarkup(<ChangesNote changes={state} subject="the start-up path" count={0} />);
    expect(html).toContain("Changes unknown");
    expect(html).toContain("Missing markers do not mean nothing changed");
    expect(html).not.toContain("No changes");
  });

  it("only a read audit log may say 'No changes'; a failed refresh of a read one says how old it is", () => {
    const fresh = chartChangesOf({ data: answer, isError: false, error: null });
    expect(renderToStaticMarkup(<ChangesNote changes={fresh} subject="the connector" count={0} />)).toContain(
      "No changes to the connector in the range",
    );
    const failedRefresh = chartChangesOf({ data: answer, isError: true, error: new Error("503") });
    const html = renderToStaticMarkup(<ChangesNote changes={failedRefresh} subject="the connector" count={0} />);
    expect(html).toContain("newer changes may be missing");
  });

  it("says nothing while the first read is under way", () => {
    const loading = chartChangesOf({ data: undefined, isError: false, error: null });
    expect(renderToStaticMarkup(<ChangesNote changes={loading} subject="staging" count={0} />)).toBe("");
  });
});
