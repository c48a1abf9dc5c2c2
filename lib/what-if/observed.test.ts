import { readFileSync } from "node:fs";
import { grpc } from "google-gax";
import { describe, expect, it } from "vitest";
import { parseStagingConfig } from "@/lib/config/staging-config";
import { QueryCache } from "@/lib/gcp/cache";
import type { GcpClients } from "@/lib/gcp/clients";
import type { Series } from "@/lib/core/series";
import { withFakeGoogle, type FakeGoogle } from "@/lib/gcp/testing";
import { metricsContext } from "@/lib/gcp/read-context";
import { createReader } from "@/lib/gcp/reader";
import { INCIDENT, stagingResponder } from "@/lib/metrics/testing";
import { parseTimeRange } from "@/lib/core/time-range";
import { whatIfDefaults } from "./defaults";
import { observedBurst } from "./observed";
import { burstFromSeries } from "./core/observed-series";

const MIN = 60_000;
const series = (labels: Record<string, string>, values: (number | null)[], start = 0, step = MIN): Series => ({
  labels,
  points: values.map((v, i) => ({ t: start + (i + 1) * step, v })),
  unit: "1",
  precisionLoss: false,
});

describe("burstFromSeries", () => {
  it.each([
    {
      name: "the busiest period's start-up attempts, healthy or not",
      probes: [
        series({ service_name: "backend", is_healthy: "false" }, [2, 9, 4]),
        series({ service_name: "backend", is_healthy: "true" }, [1, 3, 0]),
      ],
      instances: [],
      expected: { instances: 12, at: 2 * MIN, signal: "startup-attempts" },
    },
    {
      name: "the instance count's rise when it is larger (all states summed)",
      probes: [series({ service_name: "backend", is_healthy: "true" }, [1, 1, 1])],
      instances: [
        series({ service_name: "backend", state: "active" }, [2, 2, 14]),
        series({ service_name: "backend", state: "idle" }, [1, 1, 1]),
      ],
      expected: { instances: 12, at: 3 * MIN, signal: "instance-count-rise" },
    },
    {
      name: "no rise across a gap in the data",
      probes: [],
      instances: [series({ service_name: "backend", state: "active" }, [2, null, 14])],
      expected: { instances: 0, at: MIN, signal: "instance-count-rise" },
    },
    {
      name: "unknown without any data for the service",
      probes: [series({ service_name: "auth", is_healthy: "false" }, [5])],
      instances: [series({ service_name: "auth", state: "active" }, [5])],
      expected: { instances: null, at: null, signal: null },
    },
  ])("$name", ({ probes, instances, expected }) => {
    const [backend] = burstFromSeries(probes, instances, ["backend"], 60);
    expect(backend).toEqual({
      name: "backend",
      ...expected,
      at: expected.at === null ? null : new Date(expected.at).toISOString(),
    });
  });
});

describe("observedBurst against a Cloud Monitoring fake over real gRPC", () => {
  const config = parseStagingConfig(readFileSync("staging.config.json", "utf8"), "staging.config.json", {});
  let fake: FakeGoogle;
  let clients: GcpClients;
  withFakeGoogle((f, c) => {
    fake = f;
    clients = c;
  });
  const ctx = (range: string) => {
    const now = Date.now();
    const parsed = parseTimeRange(new URLSearchParams(range), new Date(now));
    if (!parsed.ok) throw parsed.error;
    return metricsContext(
      createReader(clients, new QueryCache({ now: () => now, errorTtlMs: 0 })),
      config,
      parsed.range,
      now,
    );
  };

  it("reads the incident's bursts per deployed service, dated", async () => {
    fake.onListTimeSeries(stagingResponder(INCIDENT));
    const o = await observedBurst(ctx("range=1h"));
    expect(o).toMatchObject({ status: "known", reason: null, stale: false, windowSeconds: 60 });
    expect(o.measuredAt).not.toBeNull();
    // backend: 5 failed start-ups a minute, and its instance count never rises; auth: 3.
    expect(o.services.map((s) => [s.name, s.instances, s.signal])).toEqual([
      ["backend", 5, "startup-attempts"],
      ["auth", 3, "startup-attempts"],
    ]);
  });

  it("is unknown, with the reason, when Google refuses", async () => {
    fake.onListTimeSeries(() => ({ error: { code: grpc.status.PERMISSION_DENIED, details: "denied" } }));
    const o = await observedBurst(ctx("range=1h"));
    expect(o.status).toBe("unknown");
    expect(o.reason).toMatch(/^The data could not be read: /);
    expect(o.services.every((s) => s.instances === null)).toBe(true);
  });

  it("is unknown when there is no data", async () => {
    fake.onListTimeSeries(() => ({ response: { timeSeries: [] } }));
    const o = await observedBurst(ctx("range=1h"));
    expect(o).toMatchObject({
      status: "unknown",
      reason: "No start-up or instance-count data for any service in this range.",
    });
  });

  it("is unknown, without asking Google, when the range's periods are too coarse to see a burst", async () => {
    fake.timeSeriesRequests.length = 0;
    const o = await observedBurst(ctx("range=24h"));
    expect(o.status).toBe("unknown");
    expect(o.reason).toContain("5-minute periods");
    expect(fake.timeSeriesRequests).toHaveLength(0);
  });

  it("the defaults carry today's configuration beside the observed burst", async () => {
    fake.onListTimeSeries(stagingResponder(INCIDENT));
    const d = await whatIfDefaults(ctx("range=1h"));
    expect(d.scenario.services.map((s) => [s.name, s.instances])).toEqual([
      ["backend", 10],
      ["auth", 6],
    ]);
    expect(d.connector).toEqual({ name: "staging-connector", region: "us-central1" });
    expect(d.assumptions.editable.perInstanceMbps["e2-micro"]).toBe(100);
    expect(d.observed.status).toBe("known");
  });
});
