import { readFileSync } from "node:fs";
import path from "node:path";
import { AlertPolicyServiceClient, ServiceMonitoringServiceClient } from "@google-cloud/monitoring";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/emulator";
import { configWorld, testClock } from "@/emulator/testing";
import { parseStagingConfig } from "@/lib/config/staging-config";
import { emulatorOptions } from "@/lib/gcp/clients";
import { createExport, type ExportClients } from "./create";
import { exportPlan } from "./resources";
import { roundTrip } from "./round-trip";

/** Creating the export through Google's clients against the emulator's real gRPC services. */

const config = parseStagingConfig(
  readFileSync(path.join(process.cwd(), "staging.config.json"), "utf8"),
  "staging.config.json",
  {},
);
let emulator: RunningEmulator;
let clients: ExportClients;

beforeAll(async () => {
  emulator = await startEmulator({ world: configWorld(), scenario: "incident", now: testClock().now, historyDays: 1 });
  const options = emulatorOptions(`127.0.0.1:${emulator.ports.grpc}`);
  clients = {
    services: new ServiceMonitoringServiceClient(options),
    alertPolicies: new AlertPolicyServiceClient(options),
  };
});
afterAll(async () => {
  await clients?.services.close();
  await clients?.alertPolicies.close();
  await emulator?.close();
});

describe("Export to Cloud Monitoring (emulator)", () => {
  it("creates every resource once; creating again creates nothing new", async () => {
    const plan = exportPlan(config, "netra-staging");
    const first = await createExport(clients, plan);
    expect(first.filter((a) => a.action === "created")).toHaveLength(3 + 3 + 9);
    const second = await createExport(clients, plan);
    expect(second.every((a) => a.action === "exists")).toBe(true);
    expect(
      second
        .filter((a) => a.kind === "AlertPolicy")
        .map((a) => a.name)
        .sort(),
    ).toEqual(
      first
        .filter((a) => a.kind === "AlertPolicy")
        .map((a) => a.name)
        .sort(),
    );
    const [policies] = await clients.alertPolicies.listAlertPolicies({ name: "projects/netra-staging" });
    expect(policies).toHaveLength(9);
    const [slo] = await clients.services.getServiceLevelObjective({
      name: "projects/netra-staging/services/stagewatch-startup-all/serviceLevelObjectives/startup-success",
    });
    expect(slo.goal).toBe(0.95);
    expect(String(slo.rollingPeriod?.seconds)).toBe("2419200");
    expect(slo.serviceLevelIndicator?.requestBased?.goodTotalRatio?.goodServiceFilter).toContain(
      'metric.labels.is_healthy = "true"',
    );
  });

  it("concurrent exports still end with one of each", async () => {
    const plan = exportPlan(config, "netra-staging");
    await Promise.all([createExport(clients, plan), createExport(clients, plan)]);
    const [services] = await clients.services.listServices({ parent: "projects/netra-staging" });
    expect(services).toHaveLength(3);
  });

  it("a four-window SLO set creates four policies per SLO, scaled to the window, idempotently", async () => {
    const raw = JSON.parse(readFileSync(path.join(process.cwd(), "staging.config.json"), "utf8")) as object;
    const four = parseStagingConfig(
      JSON.stringify({ ...raw, slo: { alerting: "four-window", windowDays: 30 } }),
      "staging.config.json",
      {},
    );
    const plan = exportPlan(four, "four-window-project");
    const first = await createExport(clients, plan);
    expect(first.filter((a) => a.action === "created")).toHaveLength(3 + 3 + 12);
    const second = await createExport(clients, plan);
    expect(second.every((a) => a.action === "exists")).toBe(true);
    const [policies] = await clients.alertPolicies.listAlertPolicies({ name: "projects/four-window-project" });
    expect(policies).toHaveLength(12);
    const day = policies.find(
      (p) => p.userLabels?.stagewatch_rule === "day-burn" && p.userLabels.stagewatch_slo === "startup-all",
    );
    // 1 d / 2 h scaled to 30 days: 26 h and 129 min, both over 3×.
    expect(day?.conditions?.map((c) => [c.conditionThreshold?.filter, c.conditionThreshold?.thresholdValue])).toEqual([
      [
        'select_slo_burn_rate("projects/four-window-project/services/stagewatch-startup-all/serviceLevelObjectives/startup-success", "1560m")',
        3,
      ],
      [
        'select_slo_burn_rate("projects/four-window-project/services/stagewatch-startup-all/serviceLevelObjectives/startup-success", "129m")',
        3,
      ],
    ]);
    expect(day?.combiner).toBe("AND");
  });

  it("the emulator refuses what Google refuses: a policy on an SLO that does not exist", async () => {
    const plan = exportPlan(config, "other-project");
    const policy = plan.alertPolicies[0];
    await expect(
      clients.alertPolicies.createAlertPolicy({
        name: "projects/other-project",
        alertPolicy: roundTrip("AlertPolicy", policy?.json).message,
      }),
    ).rejects.toMatchObject({ code: 5 });
  });
});
