import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseStagingConfig } from "@/lib/config/staging-config";
import type { Series } from "@/lib/core/series";
import { connectorModel, type ConnectorReads } from "./connector";
import { databaseModel, type DatabaseReads } from "./database";
import type { Asked, Read } from "./reads";
import { startupsModel, type StartupsReads } from "./startups";
import { freshRead as read, INTERVAL as interval, minuteSeries as series, NOW as now } from "./testing";

/** The other metrics views' pure models: a stale or missing read is never a fresh, known figure. */

const config = parseStagingConfig(readFileSync("staging.config.json", "utf8"), "staging.config.json", {});
const asked: Asked = { preset: "1h", interval, live: true, source: "emulator" };
const served = <T>(value: T): Read<T> =>
  read(value, {
    stale: true,
    upstreamError: { api: "monitoring", code: "UNAVAILABLE", message: "Cloud Monitoring could not be read" },
  });
const newest = new Date(interval.endMs).toISOString();

describe("startupsModel", () => {
  const reads = (probes: Read<Series[]>): StartupsReads => ({
    ...asked,
    probes,
    p50: read([series({ service_name: "backend" }, 800)]),
    p95: read([series({ service_name: "backend" }, 1_500)]),
    p99: read([series({ service_name: "backend" }, 2_000)]),
    instances: read([series({ service_name: "backend", state: "active" }, 2)]),
    failures: read({ events: [], truncated: false }),
    failureCounts: read({ state: "unavailable" as const, reason: "not counted in this test" }),
  });
  const healthy = [
    series({ service_name: "backend", is_healthy: "true" }, 4),
    series({ service_name: "backend", is_healthy: "false" }, 1),
  ];

  it("dates each service's rate by its newest point", () => {
    const s = startupsModel(reads(read(healthy)), config, now);
    expect(s.overall.successRate).toMatchObject({ value: 0.8, stale: false, measuredAt: newest });
    expect(s.services.find((x) => x.service === "backend")?.latency.value).toEqual({
      p50: 800,
      p95: 1_500,
      p99: 2_000,
    });
  });

  it("keeps a deployed service without start-ups as unknown, not 100%", () => {
    const auth = startupsModel(reads(read(healthy)), config, now).services.find((x) => x.service === "auth");
    expect(auth?.successRate.value).toBeNull();
    expect(auth?.counts).toEqual({ healthy: 0, unhealthy: 0 });
  });

  it("marks every rate stale when the read is a copy served after Google failed", () => {
    const s = startupsModel(reads(served(healthy)), config, now);
    expect(s.overall.successRate.stale).toBe(true);
    expect(s.services.every((x) => x.successRate.stale)).toBe(true);
    expect(s).toMatchObject({ stale: true, upstreamError: { code: "UNAVAILABLE" } });
  });
});

describe("connectorModel", () => {
  const reads = (o: Partial<ConnectorReads> = {}): ConnectorReads => ({
    ...asked,
    sent: read([series({}, 8_000_000)]),
    received: read([series({}, 8_000_000)]),
    instances: read([series({}, 2)]),
    cpu: read([series({}, 0.4)]),
    ...o,
  });

  it("gives headroom now against the ceiling at the instance count then", () => {
    const c = connectorModel(reads(), config, now);
    expect(c.headroom.now).toMatchObject({ stale: false, measuredAt: newest });
    // 8 + 8 MB/s = 128 Mbit/s through 2 e2-micro instances (200 Mbit/s as Google documents): 36% left.
    expect(c.headroom.now.value).toMatchObject({ ceilingBps: 2e8, saturated: false });
    expect(c.headroom.now.value?.headroomPercent).toBeCloseTo(36);
    expect(c.connector).toMatchObject({ ceilingBpsPerInstance: 1e8, ceilingSource: "documented" });
  });

  it("has no headroom figure without throughput, and a stale one when the instance count is a served copy", () => {
    expect(connectorModel(reads({ sent: read([]), received: read([]) }), config, now).headroom.now).toMatchObject({
      value: null,
      measuredAt: null,
    });
    const c = connectorModel(reads({ instances: served([series({}, 2)]) }), config, now);
    expect(c.headroom.now.stale).toBe(true);
    expect(c.instances.current.stale).toBe(true);
  });
});

describe("databaseModel", () => {
  const reads = (o: Partial<DatabaseReads> = {}): DatabaseReads => ({
    ...asked,
    databaseId: "netra-staging:staging-shared-postgres",
    up: read([series({}, 1)]),
    backends: read([series({}, 20)]),
    cpu: read([series({}, 0.3)]),
    memory: read([series({}, 0.5)]),
    ...o,
  });

  it("is up with backends against max_connections, dated by the newest point", () => {
    const d = databaseModel(reads(), config, now);
    expect(d.up.current).toMatchObject({ value: true, stale: false, measuredAt: newest });
    expect(d.backends.current.value).toMatchObject({ used: 20, max: 100, ratio: 0.2 });
  });

  it("has no up state and an unknown band without data, and a stale one on a served copy", () => {
    const missing = databaseModel(reads({ up: read([]) }), config, now);
    expect(missing.up.current).toMatchObject({ value: null, measuredAt: null });
    expect(missing.up.band).toEqual([{ from: interval.startMs, to: interval.endMs, state: "unknown" }]);
    expect(databaseModel(reads({ up: served([series({}, 1)]) }), config, now).up.current.stale).toBe(true);
  });
});
