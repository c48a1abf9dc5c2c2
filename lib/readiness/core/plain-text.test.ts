import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseStagingConfig } from "@/lib/config/staging-config";
import { dataNeeds } from "@/lib/criteria/core/data-needs";
import { evaluate } from "@/lib/criteria/core/evaluate";
import { parseCriterion } from "@/lib/criteria/core/parser";
import type { Expr, Snapshot } from "@/lib/criteria/core/types";
import { teamPhrase } from "./plain-text";
import { demoVerdict } from "./verdict";
import type { ReadinessCheckInput } from "./types";

const NOW = new Date("2025-09-17T12:00:00.000Z");
const FRESH = "2025-09-17T11:59:20.000Z";
const WORK = { team: "Infrastructure Team", phaseOrder: 1 };

function parse(src: string): Expr {
  const r = parseCriterion(src);
  if (!r.ok) throw new Error(r.error.message);
  return r.ast;
}

function reasonText(expr: string, value: number | string, label = "Backend is healthy"): string {
  const ast = parse(expr);
  const snapshot: Snapshot = Object.fromEntries(dataNeeds(ast).map((n) => [n.key, { value, measuredAt: FRESH }]));
  const check: ReadinessCheckInput = {
    id: "x",
    label,
    severity: "blocker",
    evaluation: evaluate(ast, snapshot, NOW),
    maxAgeSeconds: 300,
  };
  return demoVerdict([check], NOW, { workInProgress: WORK }).reasons[0]?.text ?? "";
}

describe("plain-language reasons", () => {
  it.each([
    [
      'startup_failures("backend", 15m) == 0',
      12,
      "The backend failed to start 12 times in the last 15 minutes; the infrastructure team is on it (phase 1).",
    ],
    [
      "startup_failures(all, 1h) == 0",
      1,
      "Services failed to start once in the last hour; the infrastructure team is on it (phase 1).",
    ],
    [
      "startup_success_rate(all, 30m) >= 0.95",
      0.4,
      "Only 40.0% of service start-ups succeeded in the last 30 minutes (needs at least 95%); the infrastructure team is on it (phase 1).",
    ],
    [
      'startup_success_rate("auth", 24h) > 95%',
      0.9,
      "Only 90.0% of auth start-ups succeeded in the last 24 hours (needs more than 95%); the infrastructure team is on it (phase 1).",
    ],
    [
      'failures("db-socket-timeout", 15m) == 0',
      3,
      "There were 3 database time-outs in the last 15 minutes; the infrastructure team is on it (phase 1).",
    ],
    [
      'failures("jwt-handshake", 15m) == 0',
      1,
      "There was 1 sign-in handshake failure in the last 15 minutes; the infrastructure team is on it (phase 1).",
    ],
    [
      'failures("some-new-thing", 2h) == 0',
      2,
      "There were 2 errors of a kind we watch for in the last 2 hours; the infrastructure team is on it (phase 1).",
    ],
    [
      'probe_status("backend-health") == "up"',
      "down",
      "Backend is healthy: it is down right now; the infrastructure team is on it (phase 1).",
    ],
    [
      'probe_status("backend-health") == "up"',
      "missing",
      "Backend is healthy: nothing answers where it should; the infrastructure team is on it (phase 1).",
    ],
    [
      'probe_uptime("backend-health", 6h) >= 0.99',
      0.93,
      "Backend is healthy: it was up only 93.0% of the time in the last 6 hours (needs at least 99%); the infrastructure team is on it (phase 1).",
    ],
    [
      'p95(probe_phase("cloudsql-socket", "connect"), 1h) < 200ms',
      850,
      "Backend is healthy: too slow — the slowest 5% of attempts took 850 ms or more in the last hour (needs under 200 ms); the infrastructure team is on it (phase 1).",
    ],
    [
      "blocking_phases() == 0",
      1,
      "1 incident phase that blocks staging is still open; the infrastructure team is on it (phase 1).",
    ],
    [
      "blocking_phases() == 0",
      2,
      "2 incident phases that block staging are still open; the infrastructure team is on it (phase 1).",
    ],
  ])("%s = %s", (expr, value, text) => {
    expect(reasonText(expr, value)).toBe(text);
  });

  it("says yes with the age of the evidence", () => {
    expect(reasonText('probe_status("backend-health") == "up"', "up")).toBe(
      "Backend is healthy: yes (checked 40 seconds ago).",
    );
  });

  it("joins several failing parts", () => {
    expect(reasonText('failures("db-socket-timeout", 15m) == 0 and startup_failures("backend", 15m) == 0', 4)).toBe(
      "There were 4 database time-outs in the last 15 minutes. The backend failed to start 4 times in the last 15 minutes; the infrastructure team is on it (phase 1).",
    );
  });

  it("explains unknown without technical detail", () => {
    const evaluation = evaluate(parse('probe_status("auth-health") == "up"'), {}, NOW);
    const v = demoVerdict(
      [{ id: "signin", label: "Customers can sign in", severity: "blocker", evaluation, maxAgeSeconds: 120 }],
      NOW,
    );
    expect(v.reasons[0]?.text).toBe(
      "Customers can sign in: unknown — there is no measurement, so we cannot promise it works.",
    );
    const never = demoVerdict(
      [{ id: "signin", label: "Customers can sign in", severity: "blocker", evaluation: null, maxAgeSeconds: 120 }],
      NOW,
    );
    expect(never.reasons[0]?.text).toBe("Customers can sign in: not checked yet, so we cannot promise it works.");
  });

  it("a value stale for the evaluator is reported stale, with its age", () => {
    const evaluation = evaluate(
      parse('probe_status("auth-health") == "up"'),
      { "probe_status|auth-health": { value: "up", measuredAt: "2025-09-17T11:50:00.000Z" } },
      NOW,
      {
        maxAgeSeconds: 120,
      },
    );
    const v = demoVerdict(
      [{ id: "signin", label: "Customers can sign in", severity: "blocker", evaluation, maxAgeSeconds: 120 }],
      NOW,
    );
    expect(v.reasons[0]).toMatchObject({ status: "stale", evidenceAge: 600 });
    expect(v.reasons[0]?.text).toBe(
      "Customers can sign in: not confirmed — the last check was 10 minutes ago (it must be under 2 minutes old).",
    );
  });

  it.each([
    ["Infrastructure Team", "the infrastructure team"],
    ["SRE Team", "the SRE team"],
    ["the platform group", "the platform group"],
  ])("teamPhrase(%s) = %s", (team, phrase) => expect(teamPhrase(team)).toBe(phrase));
});

describe("the seed's readiness checks, all failing, reveal no host names or log lines", () => {
  const file = path.join(process.cwd(), "staging.config.json");
  const cfg = parseStagingConfig(readFileSync(file, "utf8"), file, {});
  const internal = [
    ...cfg.probes.map((p) => p.name),
    ...cfg.probes.flatMap((p) =>
      p.type === "browser"
        ? p.steps.flatMap((s) => (s.action === "goto" ? [s.url, new URL(s.url).host] : []))
        : "url" in p
          ? [p.url, new URL(p.url).host]
          : [`${p.host}:${p.port}`],
    ),
    "127.0.0.1",
    "://",
    "/cloudsql/",
    "PGSQL",
    "exit(3)",
    "Container called",
    "netra-staging",
    "db-socket-timeout",
    "|",
  ];
  // Worst case: every measurement fails, and the values themselves look like log lines.
  const failing: Record<string, number | string> = {
    probe_status: "down",
    startup_success_rate: 0.1,
    failures: 649,
    blocking_phases: 1,
  };

  const checks: ReadinessCheckInput[] = cfg.readiness.checks.map((c) => {
    const ast = parse(c.expr);
    const snapshot: Snapshot = Object.fromEntries(
      dataNeeds(ast).map((n) => [n.key, { value: failing[n.measurement.kind] ?? 0, measuredAt: FRESH }]),
    );
    return {
      id: c.id,
      label: c.label,
      severity: c.severity,
      evaluation: evaluate(ast, snapshot, NOW),
      maxAgeSeconds: c.maxAgeSeconds,
    };
  });

  const v = demoVerdict(checks, NOW, {
    workInProgress: WORK,
    demoAt: new Date("2025-09-17T15:00:00.000Z"),
    openActions: [
      {
        title: "VPC connector scaling",
        ownerTeam: "Infrastructure Team",
        due: null,
        phaseOrder: 1,
        phaseBlocking: true,
      },
    ],
    flappingProbesLastHour: ["auth-health", "cloudsql-socket"],
  });
  const texts = [...v.reasons.map((r) => r.text), ...(v.demoRisk ?? [])];

  it("is NO-GO with a reason for every check", () => {
    expect(v.verdict).toBe("NO-GO");
    expect(v.reasons).toHaveLength(cfg.readiness.checks.length);
    expect(v.reasons.every((r) => r.status === "fail")).toBe(true);
  });

  it("the engineers' reasons do contain internal names (so the test below can fail)", () => {
    const engineerText = checks.map((c) => c.evaluation?.reason ?? "").join(" ");
    expect(engineerText).toContain("backend-health");
    expect(engineerText).toContain("db-socket-timeout");
  });

  it.each(internal)("no text contains %s", (needle) => {
    for (const t of texts) expect(t).not.toContain(needle);
  });
});
