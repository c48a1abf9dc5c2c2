import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/emulator";
import { CONNECTOR_ENGINEER, DEPLOYER, SECRET_ENGINEER } from "@/emulator/model";
import { configWorld, FIXED_NOW, testClock } from "@/emulator/testing";
import { createGcpClients, type GcpClients } from "./clients";
import { upstreamCalls } from "./counter";
import { changeExplorerUrl, readChanges } from "./changes";
import { readFailureEvents } from "./logging";

/**
 * The changes read path end to end: the real Logging client, the emulator's Admin Activity
 * entries in Google's AuditLog shape (protoPayload as a google.protobuf.Any), decoded here.
 */

const budget = () => ({ deadlineAt: Date.now() + 10_000 });
const clock = testClock(FIXED_NOW);
let emulator: RunningEmulator;
let clients: GcpClients;

beforeAll(async () => {
  emulator = await startEmulator({ world: configWorld(), scenario: "demo", now: clock.now, recoverAfterMinutes: 10 });
  clients = createGcpClients({ projectId: "netra-staging", loggingEmulatorHost: `127.0.0.1:${emulator.ports.grpc}` });
});
afterAll(async () => {
  await clients.logging.close();
  await clients.monitoring.close();
  await emulator.close();
});

describe("readChanges against the emulator", () => {
  it("reads the deploys before the incident, the failed resize in it and the resize before the recovery, one change each", async () => {
    clock.advance(15 * 60_000);
    const before = upstreamCalls().listLogEntries ?? 0;
    const read = await readChanges(
      clients.logging,
      "netra-staging",
      { startMs: FIXED_NOW - 40 * 3_600_000, endMs: clock.now() },
      budget(),
    );
    expect((upstreamCalls().listLogEntries ?? 0) - before).toBe(1);
    expect(read.truncated).toBe(false);
    const deploys = read.changes.filter((c) => c.kind === "deploy");
    const deployed = configWorld().services.filter((s) => s.deployed);
    // Each service twice: the new database client before the incident, the time-out fix before the recovery.
    expect(deploys).toHaveLength(2 * deployed.length);
    for (const d of deploys) {
      expect(d).toMatchObject({ outcome: "succeeded", durationMs: 42_000, actor: DEPLOYER("netra-staging") });
      expect(d.details.revision).toMatch(new RegExp(`^${d.resource.name}-\\d{5}-[a-z]{3}$`));
      expect(d.details.image).toContain("@sha256:");
      // Two audit entries (the operation's first and last) and Cloud Run's DEPLOYMENT_ROLLOUT line.
      expect(d.insertIds).toHaveLength(3);
      expect(Date.parse(d.details.trafficMovedAt ?? "")).toBe(Date.parse(d.startedAt) + 42_000 + 4_000);
    }
    // The incident of the demo began 36 h before the start: its deploys are 3 min before it.
    const incidentDeploys = deploys.filter((d) => Date.parse(d.startedAt) < FIXED_NOW - 36 * 3_600_000);
    expect(incidentDeploys).toHaveLength(deployed.length);
    // The recovery began 10 min after the start; the time-out fix was deployed in the 90 s before it.
    const fixDeploys = deploys.filter((d) => !incidentDeploys.includes(d));
    for (const d of fixDeploys) {
      const at = Date.parse(d.startedAt);
      expect(at).toBeGreaterThanOrEqual(FIXED_NOW + 10 * 60_000 - 90_000);
      expect(at + 42_000).toBeLessThan(FIXED_NOW + 10 * 60_000);
    }
    expect(new Set(fixDeploys.map((d) => d.resource.name))).toEqual(new Set(deployed.map((s) => s.name)));
    const connector = read.changes.filter((c) => c.kind === "connector");
    expect(connector.map((c) => c.outcome).sort()).toEqual(["failed", "succeeded"]);
    const resize = connector.find((c) => c.outcome === "succeeded");
    expect(resize).toMatchObject({
      actor: CONNECTOR_ENGINEER,
      resource: { type: "connector", name: "staging-connector" },
      details: { machineType: "e2-standard-4" },
      durationMs: 95_000,
    });
    // The recovery began 10 min after the start; the resize started 2 min before that.
    expect(Math.abs(Date.parse(resize?.startedAt ?? "") - (FIXED_NOW + 8 * 60_000))).toBeLessThan(2);
    expect(connector.find((c) => c.outcome === "failed")?.error).toMatch(/max_instances/);
    const [first] = deploys;
    if (!first) throw new Error("no deploy");
    const link = decodeURIComponent(changeExplorerUrl("netra-staging", first));
    for (const id of first.insertIds) expect(link).toContain(`insertId="${id}"`);
  });

  it("reads the one-sided JWT secret rotation of the flaky scenario", async () => {
    emulator.state.setScenario("flaky");
    clock.advance(60_000);
    const read = await readChanges(
      clients.logging,
      "netra-staging",
      { startMs: clock.now() - 3_600_000, endMs: clock.now() },
      budget(),
    );
    const secret = read.changes.find((c) => c.kind === "secret");
    expect(secret).toMatchObject({
      actor: SECRET_ENGINEER,
      resource: { name: "JWT_SECRET_KEY" },
      outcome: "succeeded",
    });
    expect(secret?.details.secretVersion).toMatch(/^\d+$/);
    // One side only: the backend verifies with the new version, auth still signs with the old
    // secret, so the backend rejects WebSocket handshakes from then on.
    const failures = await readFailureEvents(
      clients.logging,
      "netra-staging",
      { startMs: clock.now() - 30 * 60_000, endMs: clock.now() },
      budget(),
      null,
    );
    const jwt = failures.events.filter((e) => e.cause === "jwt-handshake");
    expect(jwt.length).toBeGreaterThan(0);
    expect(new Set(jwt.map((e) => e.service))).toEqual(new Set(["backend"]));
  });
});
