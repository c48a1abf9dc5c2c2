import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseStagingConfig } from "@/lib/config/staging-config";
import type { ProbeEvidence } from "@/lib/probes/core/evidence";
import { measuredBefore, probeEvidence } from "@/lib/metrics/core/testing";
import type { Series } from "@/lib/core/series";
import { overviewModel, type OverviewReads } from "./overview";
import {
  freshRead as read,
  INTERVAL as interval,
  MINUTE_ENDS as minuteEnds,
  minuteSeries as series,
  NOW as now,
} from "./testing";

/** The Overview's pure core: every figure dated, and nothing green on stale or missing data. */

const config = parseStagingConfig(readFileSync("staging.config.json", "utf8"), "staging.config.json", {});
const probe = (name: string, o: Partial<ProbeEvidence> = {}): ProbeEvidence =>
  probeEvidence(name, "up", { ...measuredBefore(now), ...o });

/** Staging after the fix: every start-up healthy, the database up, the connector at 64% of its ceiling. */
function healthyReads(): OverviewReads {
  const probes = ["backend", "auth"].flatMap((service) => [
    series({ service_name: service, is_healthy: "true" }, () => 5),
    series({ service_name: service, is_healthy: "false" }, () => 0),
  ]);
  return {
    preset: "1h",
    interval,
    live: true,
    source: "emulator",
    probes: read(probes),
    // 2 instances of e2-micro: a 200 Mbit/s ceiling as Google documents it; 2 × 8 MB/s = 128 Mbit/s.
    sent: read([series({}, () => 8_000_000)]),
    received: read([series({}, () => 8_000_000)]),
    instances: read([series({}, () => 2)]),
    up: read([series({}, () => 1)]),
    backends: read([series({}, () => 20)]),
    failures: read({ events: [], truncated: false, explorerUrl: "https://console.cloud.google.com/logs/query" }),
    failureCounts: read({ state: "unavailable", reason: "not counted in this test" }),
    goldenPath: [probe("backend-health"), probe("auth-health")],
  };
}

const model = (r: OverviewReads) => overviewModel(r, config, now);

describe("overviewModel", () => {
  it("shows the default connector full — 300 Mbit/s through 3 e2-micro instances — as 0% headroom and saturated", () => {
    const full = {
      ...healthyReads(),
      sent: read([series({}, () => 25_000_000)]),
      received: read([series({}, () => 12_500_000)]),
      instances: read([series({}, () => 3)]),
    };
    const o = model(full);
    expect(o.connector.headroom.value).toMatchObject({
      throughputBps: 300e6,
      ceilingBps: 300e6,
      headroomPercent: 0,
      saturated: true,
    });
    expect(o.connector.ceilingSource).toBe("documented");
    expect(o.verdict.status).toBe("degraded");
    expect(o.verdict.reasons).toContain(
      "Connector staging-connector is saturated: 300 Mbit/s of its 300 Mbit/s ceiling (100.0%), 0% headroom, at its maximum of 3 instances.",
    );
    expect(o.verdict.likelyCause).toBe(
      "staging-connector, which is saturated (0% headroom) and at its maximum of 3 instances",
    );
  });

  it("says half full at 150 Mbit/s through 3 e2-micro instances", () => {
    const half = {
      ...healthyReads(),
      sent: read([series({}, () => 12_500_000)]),
      received: read([series({}, () => 6_250_000)]),
      instances: read([series({}, () => 3)]),
    };
    expect(model(half).connector.headroom.value).toMatchObject({ headroomPercent: 50, saturated: false });
  });

  it("is healthy only when every input is fresh and good, and dates every figure by its newest point", () => {
    const o = model(healthyReads());
    expect(o.verdict.status).toBe("healthy");
    expect(o.startups.now).toMatchObject({
      value: 1,
      stale: false,
      measuredAt: new Date(interval.endMs).toISOString(),
    });
    expect(o.startups.counts).toEqual({ healthy: 600, unhealthy: 0 });
    // 128 Mbit/s through 2 e2-micro instances, whose documented ceiling is 200 Mbit/s.
    expect(o.connector.headroom.value?.headroomPercent).toBeCloseTo(36);
    expect(o.connector.headroom.measuredAt).toBe(new Date(interval.endMs).toISOString());
    expect(o.database.up).toMatchObject({ value: true, stale: false });
    expect(o.database.backends.value).toMatchObject({ used: 20, max: 100 });
    expect(o).toMatchObject({ stale: false, upstreamError: null, measuredAt: new Date(now - 5_000).toISOString() });
    expect(o.range).toEqual({
      preset: "1h",
      from: new Date(interval.startMs).toISOString(),
      to: new Date(interval.endMs).toISOString(),
      alignmentSeconds: 60,
    });
  });

  it("says unknown, never 100%, when no start-up was recorded", () => {
    const o = model({ ...healthyReads(), probes: read([]) });
    expect(o.startups.now).toMatchObject({ value: null, measuredAt: null });
    expect(o.verdict.status).toBe("unknown");
    expect(o.verdict.reason).toMatch(/start-up success is unknown/);
  });

  it("is unknown when the start-up read is a stale copy served after Google failed, and says why", () => {
    const upstreamError = {
      api: "monitoring" as const,
      code: "UNAVAILABLE",
      message: "Cloud Monitoring could not be read",
    };
    const r = healthyReads();
    const o = model({ ...r, probes: { ...r.probes, stale: true, upstreamError } });
    expect(o.startups.now).toMatchObject({ value: 1, stale: true });
    expect(o.verdict.status).toBe("unknown");
    expect(o).toMatchObject({ stale: true, upstreamError });
  });

  it("is unknown when the newest start-up point is older than the alignment allows, even on a fresh read", () => {
    const early = minuteEnds.slice(0, 20); // the newest point is 40 minutes old
    const probes = [series({ service_name: "backend", is_healthy: "true" }, () => 5, early)];
    const o = model({ ...healthyReads(), probes: read(probes) });
    expect(o.startups.now).toMatchObject({ value: 1, stale: true });
    expect(o.verdict.status).toBe("unknown");
  });

  it("is unknown when Cloud SQL's up metric is missing or stale", () => {
    for (const up of [read<Series[]>([]), read([series({}, () => 1)], { stale: true })]) {
      const o = model({ ...healthyReads(), up });
      expect(o.database.up.value === null || o.database.up.stale).toBe(true);
      expect(o.verdict.status).toBe("unknown");
      expect(o.verdict.reason).toMatch(/database state is unknown/);
    }
  });

  it("is unknown when the connector's throughput or instance count is missing", () => {
    for (const part of ["sent", "instances"] as const) {
      const r = healthyReads();
      const o = model({ ...r, [part]: read([]), ...(part === "sent" ? { received: read([]) } : {}) });
      expect(o.connector.headroom).toMatchObject({ value: null, measuredAt: null });
      expect(o.verdict.status).toBe("unknown");
    }
  });

  it("is unknown when a golden-path probe has no current result", () => {
    const o = model({ ...healthyReads(), goldenPath: [probe("backend-health", { stale: true, checkedAt: null })] });
    expect(o.verdict.status).toBe("unknown");
    expect(o.verdict.reason).toMatch(/backend-health has no current result/);
  });

  it("has nothing healthy when nothing was read at all", () => {
    const empty = read<Series[]>([]);
    const o = model({
      ...healthyReads(),
      probes: empty,
      sent: empty,
      received: empty,
      instances: empty,
      up: empty,
      backends: empty,
      goldenPath: [],
    });
    expect(o.verdict.status).toBe("unknown");
    for (const f of [o.startups.now, o.connector.headroom, o.connector.instances, o.database.up, o.database.backends])
      expect(f).toMatchObject({ value: null, measuredAt: null, staleAfter: null });
  });

  it("keeps a fresh down fact down while other inputs are stale", () => {
    const r = healthyReads();
    const o = model({ ...r, up: read([series({}, () => 0)]), probes: { ...r.probes, stale: true } });
    expect(o.verdict.status).toBe("down");
    expect(o.verdict.reason).toMatch(/Cloud SQL staging-shared-postgres is down/);
  });

  it("names the window's socket time-outs as the likely cause, and none when the log read was capped", () => {
    const r = healthyReads();
    const timeout = (minutesAgo: number) => ({
      id: `e${minutesAgo}`,
      cause: "db-socket-timeout" as const,
      service: "backend",
      revision: null,
      time: new Date(interval.endMs - minutesAgo * 60_000).toISOString(),
      severity: "ERROR",
      message: "connect ETIMEDOUT /cloudsql/p:r:i/.s.PGSQL.5432",
      explorerUrl: "",
    });
    // 80% start-up success: degraded, so a likely cause is looked for.
    const probes = read([
      series({ service_name: "backend", is_healthy: "true" }, () => 4),
      series({ service_name: "backend", is_healthy: "false" }, () => 1),
    ]);
    const events = [timeout(5), timeout(30), timeout(90)]; // the last one is outside the hour
    const counted = model({ ...r, probes, failures: read({ ...r.failures.value, events }) });
    expect(counted.verdict.status).toBe("degraded");
    expect(counted.verdict.likelyCause).toBe("Cloud SQL socket time-outs (2 in the last hour)");
    const capped = model({ ...r, probes, failures: read({ ...r.failures.value, events, truncated: true }) });
    expect(capped.verdict.likelyCause).toBeNull();
  });
});
