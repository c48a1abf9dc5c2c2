import { describe, expect, it } from "vitest";
import { parseTimeRange } from "@/lib/core/time-range";
import { demoChangesWindow } from "./demo-window";

const now = Date.parse("2026-12-07T14:20:30Z");
const range = (search: string) => {
  const r = parseTimeRange(new URLSearchParams(search), new Date(now));
  if (!r.ok) throw new Error(r.error.message);
  return [r.range.from.toISOString(), r.range.to.toISOString()];
};

describe("demoChangesWindow", () => {
  it("is the last hour without a demo time", () => {
    expect(demoChangesWindow(undefined, now)).toMatchObject({ search: "range=1h", title: "Changes in the last hour" });
  });

  it("is an hour before to an hour after a demo that is over", () => {
    const w = demoChangesWindow(new Date("2026-12-07T10:00:00Z"), now);
    expect(range(w.search)).toEqual(["2026-12-07T09:00:00.000Z", "2026-12-07T11:00:00.000Z"]);
    expect(w.title).toBe("Changes around your demo at 10:00 UTC");
  });

  it("ends now (whole minute) for a demo in progress, and the same minute gives the same read", () => {
    const w = demoChangesWindow(new Date("2026-12-07T14:00:00Z"), now);
    expect(range(w.search)).toEqual(["2026-12-07T13:00:00.000Z", "2026-12-07T14:21:00.000Z"]);
    expect(demoChangesWindow(new Date("2026-12-07T14:00:00Z"), now + 20_000).search).toBe(w.search);
  });

  it("shows the last hour up to now for a demo still ahead, and says so", () => {
    const w = demoChangesWindow(new Date("2026-12-07T16:00:00Z"), now);
    expect(range(w.search)).toEqual(["2026-12-07T13:21:00.000Z", "2026-12-07T14:21:00.000Z"]);
    expect(w.title).toContain("before your demo at 16:00");
    expect(w.empty).toContain("still ahead");
  });
});
