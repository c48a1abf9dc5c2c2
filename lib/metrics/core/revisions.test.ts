import { describe, expect, it } from "vitest";
import { revisionFigures } from "./revisions";
import type { Series } from "@/lib/core/series";

const s = (revision: string, healthy: boolean, points: [number, number][], service = "backend"): Series => ({
  labels: { service_name: service, revision_name: revision, is_healthy: String(healthy) },
  points: points.map(([t, v]) => ({ t, v })),
  unit: "1",
  precisionLoss: false,
});

describe("revisionFigures", () => {
  it("puts the revision serving now first, then the one before, each with its own success and span", () => {
    const figures = revisionFigures(
      [
        s("backend-00041", true, [
          [60_000, 998],
          [120_000, 0],
        ]),
        s("backend-00041", false, [[60_000, 2]]),
        s("backend-00042", true, [[180_000, 61]]),
        s("backend-00042", false, [
          [180_000, 39],
          [240_000, 0],
        ]),
        s("backend-00040", true, [[0, 5]]),
        s("auth-00007", true, [[240_000, 9]], "auth"),
      ],
      "backend",
      60_000,
    );
    expect(figures).toEqual([
      {
        revision: "backend-00042",
        counts: { healthy: 61, unhealthy: 39 },
        successRate: 0.61,
        since: 120_000,
        until: 180_000,
        latencyP95: null,
      },
      {
        revision: "backend-00041",
        counts: { healthy: 998, unhealthy: 2 },
        successRate: 0.998,
        since: 0,
        until: 60_000,
        latencyP95: null,
      },
    ]);
  });

  it("gives each revision its newest p95; a revision with no latency point is unknown, not fast", () => {
    const lat = (revision: string, points: [number, number | null][], service = "backend"): Series => ({
      labels: { service_name: service, revision_name: revision },
      points: points.map(([t, v]) => ({ t, v })),
      unit: "ms",
      precisionLoss: false,
    });
    const figures = revisionFigures(
      [s("backend-00041", true, [[60_000, 10]]), s("backend-00042", false, [[180_000, 5]])],
      "backend",
      60_000,
      [
        lat("backend-00042", [
          [120_000, 86_000],
          [180_000, 84_000],
          [240_000, null],
        ]),
        lat("backend-00042", [[180_000, 1]], "auth"),
      ],
    );
    expect(figures.map((f) => [f.revision, f.latencyP95])).toEqual([
      ["backend-00042", { ms: 84_000, t: 180_000 }],
      ["backend-00041", null],
    ]);
  });

  it("has nothing for a service without start-ups", () => {
    expect(revisionFigures([s("backend-00041", true, [[60_000, 0]])], "backend", 60_000)).toEqual([]);
  });
});
