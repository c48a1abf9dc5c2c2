import { describe, expect, it } from "vitest";
import { STORES, suiteStore } from "@/lib/readiness/testing";
import { checkedHours, HOUR_MS, markChecked } from "./watch-coverage";

const T = Date.parse("2026-12-07T10:00:00Z");

describe.each(STORES)("watch coverage ($name)", ({ open, unavailable }) => {
  const store = suiteStore({ open, unavailable });

  it.skipIf(unavailable)("one row per subject and hour, however many checks and writers", async () => {
    const db = store().db;
    await Promise.all([
      markChecked(db, "overview", T + 1_000),
      markChecked(db, "overview", T + 2_000),
      markChecked(db, "overview", T + 59 * 60_000),
    ]);
    await markChecked(db, "overview", T + HOUR_MS + 5);
    await markChecked(db, "readiness", T + 5);
    expect(await checkedHours(db, "overview", T - HOUR_MS, T + 5 * HOUR_MS)).toEqual([T, T + HOUR_MS]);
    expect(await checkedHours(db, "readiness", T, T + HOUR_MS)).toEqual([T]);
  });

  it.skipIf(unavailable)("an hour nobody checked is absent, and the range is [from, to)", async () => {
    const db = store().db;
    await markChecked(db, "gap", T);
    await markChecked(db, "gap", T + 3 * HOUR_MS);
    expect(await checkedHours(db, "gap", T + 30 * 60_000, T + 3 * HOUR_MS)).toEqual([T]);
    expect(await checkedHours(db, "gap", T, T + 4 * HOUR_MS)).toEqual([T, T + 3 * HOUR_MS]);
    expect(await checkedHours(db, "never", T, T + 4 * HOUR_MS)).toEqual([]);
  });
});
