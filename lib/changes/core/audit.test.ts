import { describe, expect, it } from "vitest";
import { changesFrom } from "./audit";
import { auditRecord } from "./testing";

const T = Date.parse("2026-12-06T14:00:00Z");
const op = (id: string, first: boolean, last: boolean) => ({ id, producer: "run.googleapis.com", first, last });

describe("changesFrom: Admin Activity entries → one change each", () => {
  it("pairs a Cloud Run deploy's first and last entries into one change with a duration", () => {
    const first = auditRecord({
      insertId: "a1",
      timeMs: T,
      serviceName: "run.googleapis.com",
      methodName: "google.cloud.run.v1.Services.ReplaceService",
      resourceName: "namespaces/staging/services/backend",
      resourceLabels: { service_name: "backend" },
      operation: op("op-1", true, false),
      request: {
        service: {
          spec: { template: { spec: { containers: [{ image: "eu.gcr.io/p/backend@sha256:0123456789abcdef" }] } } },
        },
      },
    });
    const last = auditRecord({
      insertId: "a2",
      timeMs: T + 42_000,
      serviceName: "run.googleapis.com",
      methodName: "google.cloud.run.v1.Services.ReplaceService",
      resourceName: "namespaces/staging/services/backend",
      resourceLabels: { service_name: "backend" },
      operation: op("op-1", false, true),
      principalEmail: null,
      response: { status: { latestCreatedRevisionName: "backend-00042-xqf" } },
    });
    const [c, ...rest] = changesFrom([last, first]);
    expect(rest).toHaveLength(0);
    expect(c).toMatchObject({
      id: "op-1",
      kind: "deploy",
      resource: { type: "service", name: "backend" },
      outcome: "succeeded",
      durationMs: 42_000,
      actor: "dana@example.com",
      details: { revision: "backend-00042-xqf", image: "eu.gcr.io/p/backend@sha256:0123456789abcdef" },
      summary: "backend-00042-xqf deployed (sha256:0123456789ab…)",
      insertIds: ["a1", "a2"],
    });
  });

  it("a v2 UpdateService whose last entry is ERROR is one failed change", () => {
    const base = {
      serviceName: "run.googleapis.com",
      methodName: "google.cloud.run.v2.Services.UpdateService",
      resourceName: "projects/staging/locations/europe-west1/services/auth",
      request: { service: { template: { containers: [{ image: "auth:2" }] } } },
    };
    const changes = changesFrom([
      auditRecord({ ...base, insertId: "b1", timeMs: T, operation: op("op-2", true, false) }),
      auditRecord({
        ...base,
        insertId: "b2",
        timeMs: T + 90_000,
        severity: "ERROR",
        status: { code: 9, message: "Revision 'auth-00007-abc' is not ready" },
        operation: op("op-2", false, true),
      }),
    ]);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      kind: "deploy",
      outcome: "failed",
      error: "Revision 'auth-00007-abc' is not ready",
    });
    expect(changes[0]?.summary).toMatch(/\(failed\)$/);
  });

  it("an operation without its last entry is still running", () => {
    const [c] = changesFrom([
      auditRecord({
        serviceName: "vpcaccess.googleapis.com",
        methodName: "google.cloud.vpcaccess.v1.VpcAccessService.UpdateConnector",
        resourceName: "projects/staging/locations/europe-west1/connectors/staging-conn",
        operation: op("op-3", true, false),
        request: { connector: { machineType: "e2-standard-4", minInstances: 2, maxInstances: 10 } },
      }),
    ]);
    expect(c).toMatchObject({
      kind: "connector",
      outcome: "running",
      endedAt: null,
      resource: { type: "connector", name: "staging-conn" },
      details: { machineType: "e2-standard-4", minInstances: 2, maxInstances: 10 },
      summary: "Connector staging-conn updated to e2-standard-4, 2–10 instances (in progress)",
    });
  });

  it.each([
    [
      "Cloud SQL patch with tier and flags",
      auditRecord({
        serviceName: "cloudsql.googleapis.com",
        methodName: "cloudsql.instances.patch",
        resourceName: "instances/staging-db",
        request: {
          body: { settings: { tier: "db-custom-2-7680", databaseFlags: [{ name: "max_connections", value: "200" }] } },
        },
      }),
      {
        kind: "database",
        resource: { type: "database", name: "staging-db" },
        details: { tier: "db-custom-2-7680", flags: ["max_connections=200"] },
      },
    ],
    [
      "Cloud SQL restart",
      auditRecord({
        serviceName: "cloudsql.googleapis.com",
        methodName: "cloudsql.instances.restart",
        resourceName: "instances/staging-db",
      }),
      { kind: "database", summary: "Cloud SQL staging-db restarted" },
    ],
    [
      "a secret version added",
      auditRecord({
        serviceName: "secretmanager.googleapis.com",
        methodName: "google.cloud.secretmanager.v1.SecretManagerService.AddSecretVersion",
        resourceName: "projects/123/secrets/JWT_SECRET_KEY",
        response: { name: "projects/123/secrets/JWT_SECRET_KEY/versions/4" },
      }),
      {
        kind: "secret",
        resource: { type: "secret", name: "JWT_SECRET_KEY" },
        details: { secretVersion: "4" },
        summary: "Secret JWT_SECRET_KEY: version 4 added",
      },
    ],
    [
      "a secret version destroyed",
      auditRecord({
        serviceName: "secretmanager.googleapis.com",
        methodName: "google.cloud.secretmanager.v1.SecretManagerService.DestroySecretVersion",
        resourceName: "projects/123/secrets/JWT_SECRET_KEY/versions/3",
      }),
      { kind: "secret", details: { secretVersion: "3" }, summary: "Secret JWT_SECRET_KEY: version 3 destroyed" },
    ],
    [
      "the project's IAM policy",
      auditRecord({
        serviceName: "cloudresourcemanager.googleapis.com",
        methodName: "SetIamPolicy",
        resourceName: "projects/staging",
      }),
      { kind: "iam", resource: { type: "project", name: "staging" } },
    ],
    [
      "a traffic-only service update",
      auditRecord({
        serviceName: "run.googleapis.com",
        methodName: "google.cloud.run.v2.Services.UpdateService",
        resourceName: "projects/staging/locations/europe-west1/services/backend",
        request: { service: { traffic: [{ revision: "backend-00041-abc", percent: 100 }] } },
      }),
      { kind: "traffic", resource: { type: "service", name: "backend" } },
    ],
    [
      "a service deleted",
      auditRecord({
        serviceName: "run.googleapis.com",
        methodName: "google.cloud.run.v2.Services.DeleteService",
        resourceName: "projects/staging/locations/europe-west1/services/analytics",
      }),
      { kind: "delete", summary: "analytics deleted" },
    ],
  ])("%s", (_name, record, expected) => {
    const changes = changesFrom([record]);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ outcome: "succeeded", durationMs: null, ...expected });
  });

  it("drops entries that change nothing watched (a Cloud SQL user list, another API)", () => {
    expect(
      changesFrom([
        auditRecord({ serviceName: "cloudsql.googleapis.com", methodName: "cloudsql.users.list" }),
        auditRecord({ serviceName: "storage.googleapis.com", methodName: "storage.buckets.create" }),
      ]),
    ).toEqual([]);
  });

  it("lists changes newest first", () => {
    const mk = (id: string, timeMs: number) =>
      auditRecord({
        insertId: id,
        timeMs,
        serviceName: "cloudsql.googleapis.com",
        methodName: "cloudsql.instances.restart",
        resourceName: "instances/db",
      });
    expect(changesFrom([mk("old", T), mk("new", T + 1)]).map((c) => c.id)).toEqual(["new", "old"]);
  });
});
