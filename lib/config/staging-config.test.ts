import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseStagingConfig } from "./staging-config";

const FILE = path.join(process.cwd(), "staging.config.json");
const TEXT = readFileSync(FILE, "utf8");

function withEdit(edit: (cfg: Record<string, unknown>) => void): string {
  const cfg = JSON.parse(TEXT) as Record<string, unknown>;
  edit(cfg);
  return JSON.stringify(cfg);
}

function problemsOf(text: string, vars: Record<string, string> = {}): string[] {
  try {
    parseStagingConfig(text, "test.json", vars);
  } catch (err) {
    if (err instanceof ConfigError) {
      expect(err.message).toContain("Invalid staging config test.json");
      return err.problems;
    }
    throw err;
  }
  return [];
}

describe("the default staging.config.json", () => {
  const cfg = parseStagingConfig(TEXT, FILE, {});

  it("describes the seed's environment", () => {
    expect(cfg.project).toEqual({ id: "netra-staging", region: "us-central1" });
    expect(cfg.services.map((s) => s.name)).toEqual(["backend", "auth", "analytics"]);
    expect(cfg.services.filter((s) => s.goldenPath).map((s) => s.name)).toEqual(["backend", "auth"]);
    expect(cfg.services.find((s) => s.name === "analytics")?.deployed).toBe(false);
    expect(cfg.connector.name).toBe("staging-connector");
    expect(cfg.connector.region).toBe("us-central1");
    expect(cfg.database.instanceId).toBe("staging-shared-postgres");
    expect(cfg.probes.find((p) => p.name === "analytics")).toMatchObject({
      type: "http",
      url: "http://127.0.0.1:8002/health",
    });
  });

  it("holds incident #1278 with five whys and three phases as the seed states them", () => {
    expect(cfg.incident.id).toBe("1278");
    expect(cfg.incident.fiveWhys).toHaveLength(5);
    expect(cfg.incident.fiveWhys[0]?.answer).toBe("Database connection timeouts during Cloud SQL initialization");
    expect(cfg.incident.phases.map((p) => [p.order, p.name, p.ownerTeam, p.status])).toEqual([
      [1, "Infrastructure Resolution", "Infrastructure Team", "active"],
      [2, "Application Cleanup", "Development Team", "held"],
      [3, "Validation", "Joint Team", "not-started"],
    ]);
    expect(cfg.incident.phases[0]?.successCriteria[0]?.text).toBe("Staging achieves >95% startup success rate");
    expect(cfg.incident.phases[1]?.startsAfter).toBe("infrastructure");
  });

  it("fills ${STAGING_*} references from variables, with the default when unset", () => {
    const probe = (vars: Record<string, string>) =>
      parseStagingConfig(TEXT, FILE, vars).probes.find((p) => p.name === "backend-health");
    expect(probe({})).toMatchObject({ url: "http://127.0.0.1:18080/health" });
    expect(probe({ STAGING_BACKEND_URL: "http://127.0.0.1:4321" })).toMatchObject({
      url: "http://127.0.0.1:4321/health",
    });
  });
});

describe("connector bounds, as Google reads them", () => {
  const connectorOf = (patch: Record<string, unknown>, drop: string[] = []) =>
    parseStagingConfig(
      withEdit((c) => {
        const k = c.connector as Record<string, unknown>;
        for (const key of drop) delete k[key];
        Object.assign(k, patch);
      }),
      "test.json",
      {},
    ).connector;

  it("reads minThroughput / maxThroughput as instances (100 Mbit/s each, in e2-micro terms)", () =>
    expect(
      connectorOf({ minThroughputMbps: 200, maxThroughputMbps: 300 }, ["minInstances", "maxInstances"]),
    ).toMatchObject({ minInstances: 2, maxInstances: 3 }));

  it("lets instance bounds take precedence over throughput bounds", () =>
    expect(connectorOf({ maxInstances: 4, maxThroughputMbps: 1_000 })).toMatchObject({ maxInstances: 4 }));

  it("keeps a team's measured per-instance figure, and none by default", () => {
    expect(connectorOf({ perInstanceMbps: 150 }).perInstanceMbps).toBe(150);
    expect(connectorOf({}).perInstanceMbps).toBeUndefined();
  });
});

describe("invalid staging configs", () => {
  it.each<[string, string, string]>([
    ["not JSON", "{", "not valid JSON"],
    ["a typo'd key", withEdit((c) => Object.assign(c, { projekt: {} })), 'Unrecognized key: "projekt"'],
    [
      "min ≥ max connector instances",
      withEdit((c) => Object.assign(c.connector as object, { minInstances: 5, maxInstances: 4 })),
      "connector.maxInstances: must be greater than the minimum (2 ≤ min < max ≤ 10 instances)",
    ],
    [
      "a connector without instance or throughput bounds",
      withEdit((c) => {
        const k = c.connector as Record<string, unknown>;
        delete k.minInstances;
        delete k.maxInstances;
      }),
      "connector.minInstances: is required (or minThroughputMbps)",
    ],
    [
      "a throughput setting that is not a multiple of 100",
      withEdit((c) => Object.assign(c.connector as object, { maxThroughputMbps: 350 })),
      "connector.maxThroughputMbps: must be a multiple of 100 (Mbps)",
    ],
    [
      "a throughput maximum beyond Google's 1,000",
      withEdit((c) => Object.assign(c.connector as object, { maxThroughputMbps: 1_100 })),
      "connector.maxThroughputMbps",
    ],
    [
      "a non-positive measured per-instance figure",
      withEdit((c) => Object.assign(c.connector as object, { perInstanceMbps: 0 })),
      "connector.perInstanceMbps",
    ],
    [
      "an unknown machine type",
      withEdit((c) => Object.assign(c.connector as object, { machineType: "n1-huge" })),
      "connector.machineType",
    ],
    [
      "a probe interval below 5 s",
      withEdit((c) => Object.assign((c.probes as object[])[0] as object, { intervalSeconds: 1 })),
      "probes[0].intervalSeconds",
    ],
    [
      "a re-check no shorter than the probe's interval",
      withEdit((c) => Object.assign((c.probes as { flap: object }[])[0]?.flap ?? {}, { recheckSeconds: 15 })),
      "probes[0].flap.recheckSeconds: must be shorter than intervalSeconds (15)",
    ],
    [
      "a re-check beyond 30 s",
      withEdit((c) => Object.assign((c.probes as { flap: object }[])[0]?.flap ?? {}, { recheckSeconds: 31 })),
      "probes[0].flap.recheckSeconds",
    ],
    [
      "a dependency on an unknown probe",
      withEdit((c) => Object.assign((c.probes as object[])[0] as object, { dependsOn: ["nope"] })),
      'probes[0].dependsOn[0]: unknown probe "nope"',
    ],
    [
      "a gate on an unknown phase",
      withEdit((c) => Object.assign((c.incident as { phases: object[] }).phases[1] as object, { startsAfter: "nope" })),
      'incident.phases[1].startsAfter: unknown phase "nope"',
    ],
    ["a missing project", withEdit((c) => delete c.project), "project:"],
    [
      "a non-STAGING variable",
      withEdit((c) => Object.assign(c.project as object, { region: "${HOME}" })),
      "project.region: ${HOME} is not set",
    ],
  ])("%s is rejected naming the field", (_name, text, expected) => {
    const problems = problemsOf(text);
    expect(problems.join("\n")).toContain(expected);
  });

  it("reports an unset STAGING_ variable without a default", () => {
    const text = withEdit((c) => Object.assign(c.project as object, { region: "${STAGING_REGION}" }));
    expect(problemsOf(text)).toEqual([
      "project.region: ${STAGING_REGION} is not set (only STAGING_* variables can be referenced)",
    ]);
    expect(problemsOf(text, { STAGING_REGION: "europe-west1" })).toEqual([]);
  });
});
