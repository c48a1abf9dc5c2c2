import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { grpc } from "google-gax";
import { ApiError } from "@/lib/base/api-error";
import { parseStagingConfig } from "@/lib/config/staging-config";
import { QueryCache } from "@/lib/gcp/cache";
import type { GcpClients } from "@/lib/gcp/clients";
import { withFakeGoogle, type FakeGoogle } from "@/lib/gcp/testing";
import { parseTimeRange } from "@/lib/core/time-range";
import { connector } from "./connector";
import { metricsContext } from "@/lib/gcp/read-context";
import { database } from "./database";
import { events } from "./events";
import { overview } from "./overview";
import { createReader } from "@/lib/gcp/reader";
import {
  connectorResponseSchema,
  databaseResponseSchema,
  eventsResponseSchema,
  overviewResponseSchema,
  startupsResponseSchema,
} from "./schemas";
import { startups } from "./startups";
import { answerLogs, failureEntries, INCIDENT, stagingResponder, type Scenario } from "./testing";
import { probeEvidence } from "@/lib/probes/view/golden-path";
import type { StateRow } from "@/lib/probes/store/queries";
import type { ProbeStatus } from "@/lib/probes/core/types";

const config = parseStagingConfig(readFileSync("staging.config.json", "utf8"), "staging.config.json", {});
let fake: FakeGoogle;
let clients: GcpClients;
let clock = Date.now();

withFakeGoogle((f, c) => {
  fake = f;
  clients = c;
});

const LOG_LINES = [
  { service: "backend", text: "Container called exit(3)." },
  { service: "backend", text: "Database initialization timeout after 8.0s" },
  { service: "auth", text: "STARTUP TCP probe failed 1 time consecutively for container" },
  {
    service: "backend",
    text: 'connection to server on socket "/cloudsql/netra-staging:us-central1:staging-shared-postgres/.s.PGSQL.5432" failed: timeout',
  },
  { service: "auth", text: "Container called exit(3)." },
];

/** A fresh cache and reader per test, on a clock the test can move. */
function setup(scenario: Scenario = INCIDENT, range = "range=1h") {
  clock = Date.now();
  fake.timeSeriesRequests.length = 0;
  fake.logRequests.length = 0;
  fake.onListTimeSeries(stagingResponder(scenario));
  answerLogs(fake, failureEntries(Math.floor(clock / 60_000) * 60_000, LOG_LINES));
  const cache = new QueryCache({ now: () => clock, errorTtlMs: 0 });
  const reader = createReader(clients, cache);
  const ctx = () => {
    const parsed = parseTimeRange(new URLSearchParams(range), new Date(clock));
    if (!parsed.ok) throw parsed.error;
    return metricsContext(reader, config, parsed.range, clock);
  };
  return { ctx, advance: (ms: number) => (clock += ms) };
}

beforeEach(() => setup());

/** Every configured probe checked 5 s ago with `status`, except those named in `except`. */
function probesAll(status: ProbeStatus, except: Record<string, ProbeStatus> = {}) {
  return async (now: number) => {
    const row = (s: ProbeStatus): StateRow => ({
      status: s,
      flapping: false,
      lastCheckedAt: now - 5_000,
      lastStatus: null,
      lastDurationMs: 12,
      lastError: s === "down" ? "HTTP 503" : null,
    });
    return probeEvidence(
      config.probes,
      new Map(config.probes.map((p) => [p.name, row(except[p.name] ?? status)])),
      now,
    );
  };
}

// No maintenance window runs in these tests (the store is not read).
const noWindows = async () => [];

describe("overview", () => {
  it("reports the incident: 0% start-up success is down, with every figure dated", async () => {
    const { ctx } = setup();
    const body = overviewResponseSchema.parse(await overview(ctx(), probesAll("up"), noWindows));
    expect(body.source).toBe("emulator");
    expect(body.stale).toBe(false);
    expect(body.upstreamError).toBeNull();
    expect(body.ageSeconds).toBe(0);
    expect(body.range).toMatchObject({ preset: "1h", alignmentSeconds: 60 });
    expect(body.startups.now.value).toBe(0);
    expect(body.startups.counts).toEqual({ healthy: 0, unhealthy: 8 * 60 });
    expect(body.startups.series).toHaveLength(60);
    expect(body.verdict).toMatchObject({
      status: "down",
      reason: "Start-up success is 0.0% (0 of 480) in the last hour, below 50%.",
      likelyCause:
        "Cloud SQL socket time-outs (2 in the last hour) behind staging-connector, which is at its maximum of 3 instances",
    });
    expect(body.verdict.staleAfter).not.toBeNull();
    expect(body.failures.totals).toEqual({
      "db-socket-timeout": 2,
      "exit-code": 2,
      "startup-probe-failed": 1,
      "jwt-handshake": 0,
      other: 0,
    });
    // 80 + 40 Mbit/s on 3 e2-micro instances (300 Mbit/s, Google's documented ceiling): 60% headroom.
    expect(body.connector.headroom.value).toMatchObject({
      throughputBps: 120e6,
      ceilingBps: 3e8,
      instances: 3,
      headroomPercent: 60,
      saturated: false,
    });
    expect(body.connector.limits).toEqual({ current: 3, min: 2, max: 3, atMax: true, belowMin: false });
    expect(body.database.up.value).toBe(true);
    expect(body.database.backends.value).toEqual({ used: 95, max: 100, ratio: 0.95, headroom: 5 });
    expect(body.database.up.stale).toBe(false);
  });

  it("says unknown, never 100%, when nothing started", async () => {
    const { ctx } = setup({ ...INCIDENT, probes: {} });
    const body = await overview(ctx(), probesAll("up"), noWindows);
    expect(body.startups.now.value).toBeNull();
    expect(body.verdict.status).toBe("unknown");
  });

  it("is healthy at ≥ 95% with the database up", async () => {
    const { ctx } = setup({ ...INCIDENT, probes: { backend: [19, 1] } });
    const body = await overview(ctx(), probesAll("up"), noWindows);
    expect(body.startups.now.value).toBe(0.95);
    expect(body.verdict.status).toBe("healthy");
  });

  it("turns down when a golden-path probe is down while Monitoring is healthy, naming the probe", async () => {
    const { ctx } = setup({ ...INCIDENT, probes: { backend: [19, 1] } });
    const body = await overview(ctx(), probesAll("up", { "backend-health": "down" }), noWindows);
    expect(body.startups.now.value).toBe(0.95);
    expect(body.verdict.status).toBe("down");
    expect(body.verdict.reason).toBe("Probe backend-health is down: HTTP 503.");
  });

  it("is unknown, never healthy, when the golden-path probes have no result (probes off, store gone)", async () => {
    const { ctx } = setup({ ...INCIDENT, probes: { backend: [19, 1] } });
    const body = await overview(ctx(), async (now) => probeEvidence(config.probes, new Map(), now), noWindows);
    expect(body.verdict.status).toBe("unknown");
    expect(body.verdict.reason).toMatch(
      /^Probes backend-health, auth-health, backend-websocket and demo-rehearsal have no current result \(never checked\)/,
    );
  });

  it("costs the same upstream reads for 100 concurrent viewers as for one", async () => {
    const { ctx } = setup();
    await Promise.all(Array.from({ length: 100 }, () => overview(ctx(), probesAll("up"), noWindows)));
    expect(fake.timeSeriesRequests).toHaveLength(6);
    // Failure candidates and the audit log's changes: one read each, whatever the viewers.
    expect(fake.logRequests).toHaveLength(2);
    expect(
      fake.logRequests.map((r) => String(r.filter)).filter((f) => f.includes("cloudaudit.googleapis.com%2Factivity")),
    ).toHaveLength(1);
    await overview(ctx(), probesAll("up"), noWindows); // and a later viewer within the TTL costs nothing
    expect(fake.timeSeriesRequests).toHaveLength(6);
  });

  it("serves the last answer marked stale, with its age, when Google refuses", async () => {
    const { ctx, advance } = setup();
    await overview(ctx(), probesAll("up"), noWindows);
    advance(61_000);
    fake.onListTimeSeries(() => ({ error: { code: grpc.status.PERMISSION_DENIED, details: "denied" } }));
    const body = overviewResponseSchema.parse(await overview(ctx(), probesAll("up"), noWindows));
    expect(body.stale).toBe(true);
    expect(body.ageSeconds).toBe(61);
    // Google's own text ("denied") never reaches a successful answer, which viewers share.
    expect(body.upstreamError).toEqual({
      api: "monitoring",
      code: "PERMISSION_DENIED",
      message:
        "Cloud Monitoring could not be read (PERMISSION_DENIED; the server's account may lack access); these figures are the last good copy.",
    });
    expect(body.startups.now.stale).toBe(true);
    // Old data is not the present: the verdict is unknown, not "down" or "healthy".
    expect(body.verdict.status).toBe("unknown");
  });

  it("fails with 502 naming the role when Google refuses and nothing is cached", async () => {
    const { ctx } = setup();
    fake.onListTimeSeries(() => ({ error: { code: grpc.status.PERMISSION_DENIED, details: "denied" } }));
    const err = await overview(ctx(), probesAll("up"), noWindows).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 502,
      code: "upstream_permission_denied",
      extra: { role: "roles/monitoring.viewer" },
    });
  });

  it("fails with 503 and Retry-After when the quota is used up and nothing is cached", async () => {
    const { ctx } = setup();
    fake.onListLogEntries(() => ({ error: { code: grpc.status.RESOURCE_EXHAUSTED, details: "quota" } }));
    const err = await overview(ctx(), probesAll("up"), noWindows).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 503, code: "upstream_quota_exhausted", headers: { "Retry-After": "60" } });
  });
});

describe("startups", () => {
  it("breaks start-ups down per service, with latency, instances and failures", async () => {
    const { ctx } = setup({ ...INCIDENT, probes: { backend: [3, 1], auth: [0, 2] } });
    const body = startupsResponseSchema.parse(await startups(ctx()));
    const backend = body.services.find((s) => s.service === "backend");
    expect(body.services.map((s) => s.service).sort()).toEqual(["auth", "backend"]);
    expect(backend?.successRate.value).toBe(0.75);
    expect(backend?.latency.value).toEqual({ p50: 5000, p95: 9500, p99: 9900 });
    expect(backend?.latencySeries.p95).toHaveLength(60);
    expect(backend?.instances.map((i) => [i.state, i.points[0]?.v])).toEqual([
      ["active", 10],
      ["idle", 1],
    ]);
    expect(body.overall.counts).toEqual({ healthy: 180, unhealthy: 180 });
    expect(body.failures.totals["exit-code"]).toBe(2);
    expect(body.failures.windows).toHaveLength(60);
  });

  it("narrows to one service", async () => {
    const { ctx } = setup();
    const body = await startups(ctx(), "auth");
    expect(body.services.map((s) => s.service)).toEqual(["auth"]);
    expect(body.failures.totals).toEqual({
      "db-socket-timeout": 0,
      "exit-code": 1,
      "startup-probe-failed": 1,
      "jwt-handshake": 0,
      other: 0,
    });
  });
});

describe("connector", () => {
  it("reports throughput against the ceiling, headroom and the moment it scaled out", async () => {
    const { ctx } = setup();
    const body = connectorResponseSchema.parse(await connector(ctx()));
    expect(body.connector).toMatchObject({
      name: "staging-connector",
      machineType: "e2-micro",
      ceilingBpsPerInstance: 1e8,
      ceilingSource: "documented",
    });
    expect(body.throughput[0]).toMatchObject({ sent: 80e6, received: 40e6, total: 120e6 });
    expect(body.scaleOuts).toHaveLength(1);
    expect(body.scaleOuts[0]).toMatchObject({ from: 2, to: 3 });
    // Google's figures: 2 e2-micro instances carry 200 Mbit/s, 3 carry 300.
    expect(body.ceiling[0]?.bps).toBe(2e8);
    expect(body.headroom.min).toMatchObject({ instances: 2, headroomPercent: 40 });
    expect(body.headroom.now.value).toMatchObject({ instances: 3, headroomPercent: 60 });
    expect(body.instances.limits.atMax).toBe(true);
    expect(body.cpuP99[0]?.v).toBe(0.93);
  });
});

describe("database", () => {
  it("draws the up band and backends against max_connections", async () => {
    const { ctx } = setup({ ...INCIDENT, up: [1, 0, 1] });
    const body = databaseResponseSchema.parse(await database(ctx()));
    expect(body.database).toEqual({
      instanceId: "staging-shared-postgres",
      databaseId: "netra-staging:staging-shared-postgres",
      maxConnections: 100,
    });
    expect(body.up.band.map((b) => b.state)).toEqual(["up", "down", "up"]);
    expect(body.up.current.value).toBe(true);
    expect(body.backends.current.value).toEqual({ used: 95, max: 100, ratio: 0.95, headroom: 5 });
    expect(body.cpu.current.value).toBe(0.5);
  });
});

describe("events", () => {
  it("filters by service and cause and pages the rest", async () => {
    const { ctx } = setup();
    const first = eventsResponseSchema.parse(await events(ctx(), { service: "backend", page: 1, pageSize: 2 }));
    expect(first.total).toBe(3);
    expect(first.events.map((e) => e.id)).toEqual(["e1", "e2"]);
    expect([first.page, first.pageCount, first.nextPage]).toEqual([1, 2, 2]);
    expect(first.counts).toEqual({
      "db-socket-timeout": 2,
      "exit-code": 1,
      "startup-probe-failed": 0,
      "jwt-handshake": 0,
      other: 0,
    });
    const second = await events(ctx(), { service: "backend", page: 2, pageSize: 2 });
    expect(second.events.map((e) => e.id)).toEqual(["e4"]);
    expect(second.nextPage).toBeNull();
    const timeouts = await events(ctx(), { cause: "db-socket-timeout", page: 1, pageSize: 50 });
    expect(timeouts.events.map((e) => e.id)).toEqual(["e2", "e4"]);
    expect(timeouts.filters).toEqual({ service: null, revision: null, cause: "db-socket-timeout" });
    expect(fake.logRequests).toHaveLength(1); // every filter and page from one read
  });
});
