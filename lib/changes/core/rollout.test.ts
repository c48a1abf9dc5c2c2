import { describe, expect, it } from "vitest";
import { changesFrom } from "./audit";
import { withRollouts, type RolloutRecord } from "./rollout";
import { auditRecord } from "./testing";

const T = Date.parse("2026-12-06T14:00:00Z");
const deploy = changesFrom([
  auditRecord({
    serviceName: "run.googleapis.com",
    methodName: "google.cloud.run.v1.Services.ReplaceService",
    resourceType: "cloud_run_revision",
    resourceLabels: { service_name: "backend" },
    timeMs: T,
    request: { service: { spec: { template: { metadata: { name: "backend-00042-xqf" } } } } },
  }),
]);
const line = (over: Partial<RolloutRecord>): RolloutRecord => ({
  insertId: `r-${over.timeMs ?? T}`,
  timeMs: T + 46_000,
  service: "backend",
  revision: "backend-00042-xqf",
  ...over,
});

describe("withRollouts", () => {
  it("joins the earliest DEPLOYMENT_ROLLOUT line of a revision to the deploy that created it", () => {
    const [c, ...rest] = withRollouts(deploy, [line({ timeMs: T + 90_000 }), line({ timeMs: T + 46_000 })]);
    expect(rest).toEqual([]);
    expect(c?.details.trafficMovedAt).toBe(new Date(T + 46_000).toISOString());
    expect(c?.insertIds).toContain(`r-${T + 46_000}`);
    expect(c?.startedAt).toBe(new Date(T).toISOString());
  });

  it("makes a rollout whose deploy was not read a traffic change of its own, with no actor", () => {
    const out = withRollouts(deploy, [line({ revision: "backend-00043-abc", timeMs: T + 600_000 })]);
    expect(out.map((c) => c.kind)).toEqual(["traffic", "deploy"]);
    expect(out[0]).toMatchObject({
      resource: { type: "service", name: "backend" },
      actor: null,
      outcome: "succeeded",
      details: { revision: "backend-00043-abc" },
    });
    expect(out[0]?.summary).toContain("traffic moved to backend-00043-abc");
    expect(out[1]?.details.trafficMovedAt).toBeUndefined();
  });

  it("does not join a rollout of another service with the same revision name", () => {
    const out = withRollouts(deploy, [line({ service: "auth" })]);
    expect(out).toHaveLength(2);
    expect(out.find((c) => c.kind === "deploy")?.details.trafficMovedAt).toBeUndefined();
  });
});
