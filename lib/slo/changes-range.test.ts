import { describe, expect, it } from "vitest";
import { parseTimeRange } from "@/lib/core/time-range";
import { sloChangesSearch } from "./changes-range";

describe("sloChangesSearch", () => {
  it("is a range the API takes, 30 days to the next full hour, the same for the whole hour", () => {
    const t = Date.parse("2026-12-07T03:12:00Z");
    const search = sloChangesSearch(t);
    expect(search).toBe("range=custom&from=2026-11-07T04:00:00.000Z&to=2026-12-07T04:00:00.000Z");
    expect(sloChangesSearch(Date.parse("2026-12-07T03:59:59Z"))).toBe(search);
    const parsed = parseTimeRange(new URLSearchParams(search), new Date(t));
    expect(parsed.ok).toBe(true);
  });
});
