import { describe, expect, it } from "vitest";
import { keysForChange, parseChange, parseHello, STREAMED_KEYS } from "./stream-queries";
import { overviewQuery } from "./dashboard-queries";
import { goldenPathQuery } from "./overview-queries";
import { probeDetailQuery, probeHistoryQuery, probesQuery } from "./probe-queries";
import { maintenanceQuery } from "./maintenance-queries";
import { readinessQuery } from "./readiness-queries";

/** A key prefix matches a query key the way TanStack's invalidateQueries does (element by element). */
const covers = (prefix: readonly unknown[], key: readonly unknown[]) => prefix.every((p, i) => p === key[i]);

describe("what a pushed change makes stale on the page", () => {
  it.each([
    [
      "overview",
      "overview",
      [overviewQuery("range=1h").queryKey, goldenPathQuery().queryKey],
      [probesQuery().queryKey],
    ],
    [
      "probe",
      "probe:backend-health",
      [
        overviewQuery("range=1h").queryKey,
        goldenPathQuery().queryKey,
        probesQuery().queryKey,
        probeDetailQuery("backend-health").queryKey,
        probeHistoryQuery("backend-health", "range=1h").queryKey,
      ],
      [probeDetailQuery("auth").queryKey, readinessQuery(undefined).queryKey],
    ],
    ["readiness", "readiness", [readinessQuery("15:00").queryKey], [overviewQuery("range=1h").queryKey]],
    [
      "maintenance",
      "maintenance:service:backend",
      [
        maintenanceQuery().queryKey,
        overviewQuery("range=1h").queryKey,
        goldenPathQuery().queryKey,
        probesQuery().queryKey,
        probeDetailQuery("backend-health").queryKey,
        readinessQuery(undefined).queryKey,
      ],
      [],
    ],
  ] as const)("%s (%s)", (kind, subject, stale, untouched) => {
    const keys = keysForChange({ kind, subject });
    for (const key of stale)
      expect(
        keys.some((k) => covers(k, key)),
        JSON.stringify(key),
      ).toBe(true);
    for (const key of untouched)
      expect(
        keys.some((k) => covers(k, key)),
        JSON.stringify(key),
      ).toBe(false);
    // A reconnect refetches at least what any change would.
    for (const k of keys) expect(STREAMED_KEYS.some((s) => covers(s, k))).toBe(true);
  });

  it("reads only what the document says an event carries", () => {
    const change = { kind: "probe", subject: "probe:a", from: "up", to: "down", changedAt: "2026-12-07T03:00:00.000Z" };
    expect(parseChange(JSON.stringify(change))).toEqual(change);
    expect(parseChange('{"kind":"tracker"}')).toBeNull();
    const window = { ...change, kind: "maintenance", subject: "maintenance:everything", from: null, to: "running" };
    expect(parseChange(JSON.stringify(window))).toEqual(window);
    expect(parseChange("{")).toBeNull();
    expect(parseHello('{"head":3,"replayed":0,"reset":true}')).toEqual({ head: 3, replayed: 0, reset: true });
    expect(parseHello('{"head":-1,"replayed":0,"reset":true}')).toBeNull();
  });
});
