import { describe, expect, it } from "vitest";
import { changesFrom } from "@/lib/changes/core/audit";
import type { VerdictChanges } from "@/lib/changes/core/correlate";
import { auditRecord } from "@/lib/changes/core/testing";
import { figuresAt } from "@/lib/metrics/core/testing";
import { overviewVerdict, type ConnectorLoad, type VerdictInput } from "./overview-verdict";

/** The verdict's words with changes: a correlation, named as one, never a cause; nothing when unknown. */

const now = Date.UTC(2026, 11, 6, 14, 30);
const { fresh } = figuresAt(now);
const since = Date.UTC(2026, 11, 6, 14, 2);
const deploy = (id: string, atMs: number, service = "backend", severity = "NOTICE") =>
  auditRecord({
    insertId: id,
    timeMs: atMs,
    severity,
    serviceName: "run.googleapis.com",
    methodName: "google.cloud.run.v1.Services.ReplaceService",
    resourceName: `namespaces/staging/services/${service}`,
    request: { service: { spec: { template: { metadata: { name: `${service}-${id}` } } } } },
  });
const changes = changesFrom([deploy("00041", since - 3 * 3_600_000), deploy("00042", since - 120_000)]);
const path = { services: ["backend", "auth"], connector: "staging-connector", database: "staging-db" };
const withChanges = (evidence: VerdictChanges["evidence"], failingSince: number | null | undefined = since) => ({
  changes: { evidence, path, startupFailingSince: failingSince, rangeStartMs: now - 3_600_000, periodMs: 60_000 },
});

const base: VerdictInput = {
  startupSuccess: fresh(0.61),
  startupCounts: { healthy: 61, unhealthy: 39 },
  databaseUp: fresh(true),
  databaseName: "staging-db",
  windowLabel: "the last hour",
  probes: [],
  connector: { name: "staging-connector", maxInstances: 3, load: fresh<ConnectorLoad>(null) },
  socketTimeouts: 0,
  now,
};
const loadOk = { instances: 2, utilization: 0.2, throughputBps: 4e7, ceilingBps: 2e8, saturated: false };
const failing = { ...base, connector: { ...base.connector, load: fresh(loadOk) } };
const CAUSAL = /\b(caused|because|due to|root cause|led to|broke)\b/i;

describe("overviewVerdict with changes", () => {
  it("names the nearest deploy before start-ups began failing, as a correlation", () => {
    const v = overviewVerdict({ ...failing, ...withChanges({ known: true, changes }) });
    expect(v.status).toBe("degraded");
    expect(v.reason).toBe(
      "Start-up success is 61.0% (61 of 100) in the last hour, below the 95% target. Start-ups failing since 14:02 UTC, 2 min after backend-00042 was deployed (a correlation in time, not a confirmed cause).",
    );
    expect(v.reasons[0]).toBe(v.reason);
    expect(v.reason.replace("not a confirmed cause", "")).not.toMatch(CAUSAL);
  });

  it("a failure that began before the range names the last change before the range", () => {
    const v = overviewVerdict({ ...failing, ...withChanges({ known: true, changes }, null) });
    // The range starts at 13:30: the 14:00 deploy is inside it, so the one before is 00041.
    expect(v.reason).toContain(
      "Start-ups failing since before the range; the last change before it: backend-00041 was deployed at 2026-12-06 11:02 UTC",
    );
  });

  it.each<[string, Partial<VerdictInput>]>([
    ["changes unknown (Logging failed)", withChanges({ known: false, reason: "Cloud Logging could not be read" })],
    ["no change near", withChanges({ known: true, changes: [] })],
    [
      "only a failed deploy",
      withChanges({ known: true, changes: changesFrom([deploy("00043", since - 60_000, "backend", "ERROR")]) }),
    ],
    [
      "a change off the path",
      withChanges({ known: true, changes: changesFrom([deploy("00007", since - 60_000, "analytics")]) }),
    ],
    ["changes not read", {}],
  ])("%s: the existing text, nothing about changes", (_name, extra) => {
    const v = overviewVerdict({ ...failing, ...extra });
    expect(v.reason).toBe(overviewVerdict(failing).reason);
    expect(v.reason).not.toMatch(/change/i);
  });

  it("an unknown or healthy verdict says nothing about changes", () => {
    const unknown = overviewVerdict({ ...base, ...withChanges({ known: true, changes }) });
    expect(unknown.status).toBe("unknown");
    expect(unknown.reasons.join(" ")).not.toMatch(/deployed|change/);
    const healthy = overviewVerdict({
      ...failing,
      startupSuccess: fresh(0.99),
      startupCounts: { healthy: 99, unhealthy: 1 },
      ...withChanges({ known: true, changes }, undefined),
    });
    expect(healthy.status).toBe("healthy");
    expect(healthy.reason).not.toMatch(/deployed|change/);
  });

  it("a failing golden-path probe names the last change before now", () => {
    const probe = {
      name: "backend-health",
      status: "down" as const,
      stale: false,
      checkedAt: new Date(now - 10_000).toISOString(),
      staleAfter: new Date(now + 50_000).toISOString(),
      impact: "down" as const,
      dependsOn: [],
      lastError: "HTTP 503",
    };
    const v = overviewVerdict({
      ...failing,
      startupSuccess: fresh(0.99),
      startupCounts: { healthy: 99, unhealthy: 1 },
      probes: [probe],
      ...withChanges({ known: true, changes }, undefined),
    });
    expect(v.status).toBe("down");
    expect(v.reason).toBe(
      "Probe backend-health is down: HTTP 503. Probe backend-health: the last change before it was backend-00042 was deployed, 30 min ago (a correlation in time, not a confirmed cause).",
    );
  });
});
