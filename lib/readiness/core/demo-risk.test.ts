import { describe, expect, it } from "vitest";
import type { Evaluation } from "@/lib/criteria/core/types";
import { demoRisks } from "./demo-risk";
import type { OpenAction, ReadinessCheckInput } from "./types";

const NOW = new Date("2025-09-17T12:00:00.000Z");
const DEMO = new Date("2025-09-17T12:45:00.000Z");

function action(over: Partial<OpenAction>): OpenAction {
  return {
    title: "VPC connector scaling",
    ownerTeam: "Infrastructure Team",
    due: null,
    phaseOrder: 1,
    phaseBlocking: true,
    ...over,
  };
}

const signinEvaluation: Evaluation = {
  result: "pass",
  measured: "up",
  window: null,
  evaluatedAt: NOW.toISOString(),
  measuredAt: NOW.toISOString(),
  terms: [
    {
      key: "probe_status|auth-health",
      text: 'probe_status("auth-health") == "up"',
      subject: 'probe_status("auth-health")',
      measurement: { kind: "probe_status", probe: "auth-health" },
      op: "==",
      threshold: { type: "string", value: "up", text: '"up"' },
      value: "up",
      result: "pass",
      measured: "up",
      window: null,
      measuredAt: NOW.toISOString(),
    },
  ],
};
const CHECKS: ReadinessCheckInput[] = [
  {
    id: "signin",
    label: "Customers can sign in",
    severity: "blocker",
    evaluation: signinEvaluation,
    maxAgeSeconds: 120,
  },
];

describe("demoRisks", () => {
  it.each<[string, OpenAction, string | null]>([
    [
      "due the same day",
      action({ due: "2025-09-17" }),
      '"VPC connector scaling" (the infrastructure team, phase 1) is not done and is due the same day as your demo.',
    ],
    [
      "due a later day",
      action({ due: "2025-09-20" }),
      '"VPC connector scaling" (the infrastructure team, phase 1) is not done and is due on 2025-09-20, after your demo.',
    ],
    ["due before the demo", action({ due: "2025-09-16" }), null],
    [
      "no due date, blocking phase",
      action({}),
      '"VPC connector scaling" (the infrastructure team, phase 1) is not done and has no due date; it blocks staging.',
    ],
    ["no due date, phase not blocking", action({ phaseBlocking: false }), null],
    [
      "unreadable due date counts as none",
      action({ due: "next week" }),
      '"VPC connector scaling" (the infrastructure team, phase 1) is not done and has no due date; it blocks staging.',
    ],
  ])("%s", (_name, a, risk) => {
    expect(demoRisks(DEMO, NOW, [], [a], [])).toEqual(risk ? [risk] : []);
  });

  it("names a flapping probe by the label of the check that watches it, never by its name", () => {
    expect(demoRisks(DEMO, NOW, CHECKS, [], ["auth-health", "auth-health", "cloudsql-socket"])).toEqual([
      '"Customers can sign in" went up and down during the last hour, so it may fail during your demo.',
      "A monitored service went up and down during the last hour, so it may fail during your demo.",
    ]);
  });

  it.each([
    [new Date("2025-09-17T11:00:00.000Z"), "The demo time has already passed; this verdict describes staging now."],
    [
      new Date("2025-09-17T15:00:00.000Z"),
      "Your demo is 3 hours away and this verdict describes staging now; check again shortly before.",
    ],
  ])("demo at %s", (demoAt, risk) => {
    expect(demoRisks(demoAt, NOW, [], [], [])).toEqual([risk]);
  });

  it("nothing known: no risks", () => {
    expect(demoRisks(DEMO, NOW, CHECKS, [], [])).toEqual([]);
  });
});
