import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grpc } from "google-gax";
import { FIXED_NOW } from "@/emulator/testing";
import { QueryCache } from "@/lib/gcp/cache";
import { createGcpClients } from "@/lib/gcp/clients";
import { startFakeGoogle, type FakeGoogle } from "@/lib/gcp/testing";
import { dataNeedsOfAll, parseCriterion, type Expr } from "@/lib/criteria/core";
import { createReader } from "@/lib/gcp/reader";
import { seedConfig } from "@/lib/tracker/testing";
import { phase } from "@/lib/tracker/core/testing";
import { collectEvidence, type EvidenceSources } from "./snapshot";
import { emulatedStaging, type EmulatedStaging } from "./testing";
import { blockingPhases } from "@/lib/tracker/core";

const config = seedConfig();

function needsOf(...exprs: string[]) {
  return dataNeedsOfAll(
    exprs.map((e) => {
      const parsed = parseCriterion(e);
      if (!parsed.ok) throw new Error(parsed.error.message);
      return parsed.ast;
    }) satisfies Expr[],
  );
}

let staging: EmulatedStaging;

beforeAll(async () => {
  staging = await emulatedStaging("incident", FIXED_NOW);
});
afterAll(async () => {
  await staging.close();
});

describe("collectEvidence against the emulator (incident)", () => {
  it("measures start-up success, failures and latency, each dated at the end of its data, not now", async () => {
    const now = staging.clock.now();
    const needs = needsOf(
      "startup_success_rate(all, 1h) > 0.95",
      'startup_failures("backend", 1h) == 0',
      'failures("db-socket-timeout", 1h) == 0',
      "p95(startup_latency(all), 1h) < 2s",
    );
    const { snapshot, problems } = await collectEvidence(needs, now, staging.sources(config));
    expect(problems).toEqual({});
    const alignedEnd = new Date(Math.floor(now / 60_000) * 60_000).toISOString();
    const rate = snapshot["startup_success_rate|all|3600"];
    // Nearly every start-up fails in the incident: a real measurement far below 95%, not unknown.
    expect(rate?.value).toBeTypeOf("number");
    expect(Number(rate?.value)).toBeLessThan(0.1);
    expect(rate?.measuredAt).toBe(alignedEnd);
    expect(rate?.measuredAt).not.toBe(new Date(now).toISOString());
    expect(snapshot["startup_failures|backend|3600"]?.value).toBeGreaterThan(0);
    expect(snapshot["failures|db-socket-timeout|3600"]?.value).toBeGreaterThan(0);
    const p95 = snapshot["p95|startup_latency|all|3600"];
    expect(typeof p95?.value).toBe("number");
    expect(p95?.measuredAt).toBe(alignedEnd);
  });

  it("measures the connector's smallest headroom against Google's documented ceiling: none left in the incident", async () => {
    const now = staging.clock.now();
    const { snapshot, problems } = await collectEvidence(
      needsOf("connector_headroom(1h) >= 20%"),
      now,
      staging.sources(config),
    );
    expect(problems).toEqual({});
    // 3 e2-micro instances carry 300 Mbit/s; the incident runs at that ceiling.
    expect(snapshot["connector_headroom|3600"]).toEqual({
      value: expect.closeTo(0, 6),
      measuredAt: new Date(Math.floor(now / 60_000) * 60_000).toISOString(),
    });
  });

  it("leaves out what it cannot know, and says why: unknown services and signatures, probe and phase sources that fail", async () => {
    const sources: EvidenceSources = {
      ...staging.sources(config),
      probes: async () => {
        throw new Error("probe store offline");
      },
      blockingPhases: async () => {
        throw new Error("store offline");
      },
    };
    const needs = needsOf(
      'startup_success_rate("analytics", 1h) > 0.95',
      'failures("cosmic-rays", 1h) == 0',
      'probe_status("auth-health") == "up"',
      "blocking_phases() == 0",
    );
    const { snapshot, problems } = await collectEvidence(needs, staging.clock.now(), sources);
    expect(snapshot).toEqual({});
    expect(problems).toEqual({
      "startup_success_rate|analytics|3600": '"analytics" is not a deployed service in the staging config',
      "failures|cosmic-rays|3600":
        '"cosmic-rays" is not a known failure signature (db-socket-timeout, exit-code, startup-probe-failed, jwt-handshake, other)',
      "probe_status|auth-health": "the probe results could not be read: probe store offline",
      blocking_phases: "the tracker's phases could not be read: store offline",
    });
  });

  it("counts blocking phases that are not done, measured now", async () => {
    const now = staging.clock.now();
    const phases = [
      phase({ id: "a", blocking: true, status: "active" }),
      phase({ id: "b", blocking: true, status: "done" }),
      phase({ id: "c" }),
    ];
    const { snapshot } = await collectEvidence(needsOf("blocking_phases() == 0"), now, {
      ...staging.sources(config),
      blockingPhases: async () => blockingPhases(phases),
    });
    expect(snapshot.blocking_phases).toEqual({ value: 1, measuredAt: new Date(now).toISOString() });
  });
});

describe("collectEvidence when Google refuses", () => {
  let fake: FakeGoogle;
  beforeAll(async () => {
    fake = await startFakeGoogle();
    fake.onListTimeSeries(() => ({
      error: { code: grpc.status.PERMISSION_DENIED, details: "monitoring.timeSeries.list denied" },
    }));
    fake.onListLogEntries(() => ({
      error: { code: grpc.status.PERMISSION_DENIED, details: "logging.entries.list denied" },
    }));
  });
  afterAll(async () => {
    await fake.close();
  });

  it("is unknown (no entry) with the upstream's reason, never a pass", async () => {
    const host = `${fake.host}:${fake.port}`;
    const clients = createGcpClients({
      projectId: "netra-staging",
      monitoringEmulatorHost: host,
      loggingEmulatorHost: host,
    });
    const reader = createReader(clients, new QueryCache({ errorTtlMs: 0 }));
    try {
      const needs = needsOf("startup_success_rate(all, 1h) > 0.95", 'failures("db-socket-timeout", 15m) == 0');
      const { snapshot, problems } = await collectEvidence(needs, Date.now(), {
        ...staging.sources(config),
        reader: () => reader,
      });
      expect(snapshot).toEqual({});
      expect(problems["startup_success_rate|all|3600"]).toBe(
        "Cloud Monitoring answered PERMISSION_DENIED: monitoring.timeSeries.list denied",
      );
      expect(problems["failures|db-socket-timeout|900"]).toBe(
        "Cloud Logging answered PERMISSION_DENIED: logging.entries.list denied",
      );
    } finally {
      await clients.monitoring.close();
      await clients.logging.close();
    }
  });
});
