import { describe, expect, it } from "vitest";
import type { Series } from "@/lib/core/series";
import {
  countsInWindow,
  failingSince,
  latestLatency,
  overallRateSeries,
  rateSeriesByService,
  successRate,
} from "./startups";

const s = (labels: Record<string, string>, points: [number, number | null][]): Series => ({
  labels,
  points: points.map(([t, v]) => ({ t, v })),
  unit: "1",
  precisionLoss: false,
});

describe("successRate", () => {
  it.each([
    [{ healthy: 0, unhealthy: 0 }, null], // no start-ups: unknown, never 100%
    [{ healthy: 10, unhealthy: 0 }, 1],
    [{ healthy: 0, unhealthy: 649 }, 0],
    [{ healthy: 19, unhealthy: 1 }, 0.95],
    [{ healthy: 1, unhealthy: 3 }, 0.25],
  ])("%o → %s", (c, rate) => expect(successRate(c)).toBe(rate));
});

describe("rateSeriesByService", () => {
  const series = [
    s({ service_name: "backend", is_healthy: "true" }, [
      [60_000, 3],
      [120_000, 0],
    ]),
    s({ service_name: "backend", is_healthy: "false" }, [
      [60_000, 1],
      [120_000, 5],
    ]),
    s({ service_name: "auth", is_healthy: "True" }, [[60_000, 2]]),
    s({ is_healthy: "true" }, [[60_000, 99]]), // no service label: ignored
  ];

  it("joins healthy and unhealthy counts per period", () => {
    const by = rateSeriesByService(series, ["backend", "auth", "worker"]);
    expect(by.get("backend")).toEqual([
      { t: 60_000, healthy: 3, unhealthy: 1, rate: 0.75 },
      { t: 120_000, healthy: 0, unhealthy: 5, rate: 0 },
    ]);
    expect(by.get("auth")).toEqual([{ t: 60_000, healthy: 2, unhealthy: 0, rate: 1 }]);
    expect(by.get("worker")).toEqual([]); // expected but silent: present, unknown
  });

  it("sums services into the overall series and windows", () => {
    const overall = overallRateSeries(rateSeriesByService(series));
    expect(overall).toEqual([
      { t: 60_000, healthy: 5, unhealthy: 1, rate: 5 / 6 },
      { t: 120_000, healthy: 0, unhealthy: 5, rate: 0 },
    ]);
    expect(countsInWindow(overall, 60_000, 120_000)).toEqual({ healthy: 0, unhealthy: 5 });
    expect(countsInWindow(overall, 0, 120_000)).toEqual({ healthy: 5, unhealthy: 6 });
    expect(successRate(countsInWindow(overall, 120_000, 180_000))).toBeNull();
  });
});

describe("latestLatency", () => {
  it("takes the newest valued point, and the slowest series when a service has several", () => {
    const by = {
      p50: [
        s({ service_name: "backend" }, [
          [60_000, 800],
          [120_000, 900],
          [180_000, null],
        ]),
      ],
      p95: [
        s({ service_name: "backend", revision_name: "a" }, [[120_000, 4000]]),
        s({ service_name: "backend", revision_name: "b" }, [[120_000, 7000]]),
      ],
      p99: [s({ service_name: "auth" }, [[120_000, 1]])],
    };
    expect(latestLatency(by, "backend")).toEqual({ p50: 900, p95: 7000, p99: null, t: 120_000 });
    expect(latestLatency(by, "nobody")).toEqual({ p50: null, p95: null, p99: null, t: null });
  });
});

describe("failingSince", () => {
  const p = (t: number, rate: number | null) => ({ t, rate, healthy: 0, unhealthy: 0 });
  it.each<[string, ReturnType<typeof p>[], number | null | undefined]>([
    ["newest period good", [p(60_000, 0.2), p(120_000, 0.99)], undefined],
    [
      "failing since the third period (dated from its start)",
      [p(60_000, 1), p(120_000, 0.99), p(180_000, 0.5), p(240_000, 0.6)],
      120_000,
    ],
    ["empty periods are skipped", [p(60_000, 1), p(120_000, 0.4), p(180_000, null)], 60_000],
    ["failing over the whole range: began before it", [p(60_000, 0.1), p(120_000, 0.2)], null],
    ["nothing measured", [p(60_000, null)], undefined],
  ])("%s", (_name, series, expected) => {
    expect(failingSince(series, 60_000)).toBe(expected);
  });
});
