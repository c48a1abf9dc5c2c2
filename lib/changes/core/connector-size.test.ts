import { describe, expect, it } from "vitest";
import { changesFrom } from "./audit";
import { basisAt } from "./connector-size";
import { auditRecord } from "./testing";

const T = Date.parse("2026-12-06T14:00:00Z");
const connector = { name: "staging-connector", machineType: "e2-micro" as const, maxInstances: 3 };
const resize = (id: string, machineType: string, severity = "NOTICE", name = "staging-connector") => [
  auditRecord({
    insertId: `${id}-1`,
    timeMs: T,
    serviceName: "vpcaccess.googleapis.com",
    methodName: "google.cloud.vpcaccess.v1.VpcAccessService.PatchConnector",
    resourceName: `projects/p/locations/us-central1/connectors/${name}`,
    operation: { id, producer: "vpcaccess.googleapis.com", first: true, last: false },
    request: { connector: { machineType } },
  }),
  auditRecord({
    insertId: `${id}-2`,
    timeMs: T + 95_000,
    severity,
    serviceName: "vpcaccess.googleapis.com",
    methodName: "google.cloud.vpcaccess.v1.VpcAccessService.PatchConnector",
    resourceName: `projects/p/locations/us-central1/connectors/${name}`,
    operation: { id, producer: "vpcaccess.googleapis.com", first: false, last: true },
  }),
];

describe("basisAt: the connector's ceiling in force", () => {
  it("moves to the new machine type when the resize has finished, not before", () => {
    const at = basisAt(connector, { known: true, changes: changesFrom(resize("op", "e2-standard-4")) });
    expect(at(T + 60_000)).toMatchObject({ machineType: "e2-micro", perInstanceMbps: 100 });
    expect(at(T + 95_000)).toMatchObject({ machineType: "e2-standard-4", perInstanceMbps: 1600, source: "documented" });
  });

  it.each([
    ["a failed resize", { known: true as const, changes: changesFrom(resize("op", "e2-standard-4", "ERROR")) }],
    [
      "another connector",
      { known: true as const, changes: changesFrom(resize("op", "e2-standard-4", "NOTICE", "other")) },
    ],
    ["an unknown machine type", { known: true as const, changes: changesFrom(resize("op", "n2-custom")) }],
    ["changes unknown", { known: false as const, reason: "Logging down" }],
    ["changes not read", undefined],
  ])("keeps the configured one for %s", (_n, evidence) => {
    expect(basisAt(connector, evidence)(T + 3_600_000)).toMatchObject({ machineType: "e2-micro" });
  });
});
