import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ApiError, parseOrThrow } from "@/lib/base/api-error";
import { parseStagingConfig } from "@/lib/config/staging-config";
import { scenarioFromConfig } from "./scenario";
import { whatIfRequestSchema, type WhatIfRequest } from "./schema";
import { seedScenario } from "@/lib/what-if/testing";

/** What a client may send at the least: no seeds, no assumptions. */
const valid = (): WhatIfRequest => {
  const { services, connector, database } = seedScenario();
  return { services, connector, database };
};

/** The 400 the route would answer, as its message. */
function refusal(body: unknown): string {
  try {
    parseOrThrow(whatIfRequestSchema, body);
  } catch (err) {
    if (err instanceof ApiError) {
      expect(err.status).toBe(400);
      return err.message;
    }
    throw err;
  }
  throw new Error("accepted");
}

describe("what-if request schema", () => {
  it("accepts today's staging and fills in 50 seeds and no assumption overrides", () => {
    const parsed = whatIfRequestSchema.parse(valid());
    expect(parsed.seeds).toBe(50);
    expect(parsed.assumptions).toEqual({});
  });

  it("accepts the defaults built from the staging config (a phantom service is left out)", () => {
    const config = parseStagingConfig(readFileSync("staging.config.json", "utf8"), "staging.config.json", {});
    const scenario = scenarioFromConfig(config);
    expect(scenario.services.map((s) => s.name)).toEqual(["backend", "auth"]);
    expect(scenario.connector).toEqual({ machineType: "e2-micro", minInstances: 2, maxInstances: 3 });
    expect(whatIfRequestSchema.parse(scenario)).toEqual(scenario);
  });

  it("starts from the team's measured per-instance figure when the config gives one, so the what-if and the Connector view hold one ceiling", () => {
    const config = parseStagingConfig(readFileSync("staging.config.json", "utf8"), "staging.config.json", {});
    expect(scenarioFromConfig(config).assumptions).toEqual({});
    const measured = { ...config, connector: { ...config.connector, perInstanceMbps: 150 } };
    const scenario = scenarioFromConfig(measured);
    expect(scenario.assumptions).toEqual({ perInstanceMbps: { "e2-micro": 150 } });
    expect(whatIfRequestSchema.parse(scenario)).toEqual(scenario);
  });

  const withService = (patch: object) => ({ ...valid(), services: [{ ...valid().services[0], ...patch }] });

  it.each([
    [
      "10,000 instances",
      withService({ instances: 10_000 }),
      "services.0.instances: instances starting at once must be at most 1,000 (got 10,000)",
    ],
    [
      "a fractional instance count",
      withService({ instances: 2.5 }),
      "services.0.instances: instances starting at once must be a whole number",
    ],
    ["a pool of 0", withService({ poolSize: 0 }), "services.0.poolSize: pool size must be at least 1 (got 0)"],
    [
      "a 0 s timeout",
      withService({ dbTimeoutSeconds: 0 }),
      "services.0.dbTimeoutSeconds: DB timeout (s) must be at least 1 (got 0)",
    ],
    [
      "an hour's timeout",
      withService({ dbTimeoutSeconds: 3600 }),
      "services.0.dbTimeoutSeconds: DB timeout (s) must be at most 600 (got 3,600)",
    ],
    [
      "a timeout as text",
      withService({ dbTimeoutSeconds: "75" }),
      "services.0.dbTimeoutSeconds: DB timeout (s) must be a number",
    ],
    ["no instance at all", withService({ instances: 0 }), "services: at least one instance must start"],
    [
      "min = max instances",
      { ...valid(), connector: { machineType: "e2-micro", minInstances: 3, maxInstances: 3 } },
      "connector.maxInstances: max instances must be greater than min instances",
    ],
    [
      "11 max instances",
      { ...valid(), connector: { machineType: "e2-micro", minInstances: 2, maxInstances: 11 } },
      "connector.maxInstances: max instances must be at most 10 (got 11)",
    ],
    [
      "an unknown machine type",
      { ...valid(), connector: { machineType: "n2-standard-8", minInstances: 2, maxInstances: 3 } },
      "connector.machineType:",
    ],
    [
      "5 max_connections",
      { ...valid(), database: { maxConnections: 5 } },
      "database.maxConnections: max_connections must be at least 10 (got 5)",
    ],
    ["1,000 seeds", { ...valid(), seeds: 1000 }, "seeds: seeds must be at most 200 (got 1,000)"],
    ["a typo'd key", { ...valid(), conector: {} }, "(body):"],
    [
      "two services of one name",
      { ...valid(), services: [valid().services[0], valid().services[0]] },
      'services.1.name: duplicate service "backend"',
    ],
    [
      "scale-out delay min above max",
      { ...valid(), assumptions: { scaleOutDelaySeconds: { min: 30, max: 10 } } },
      "assumptions.scaleOutDelaySeconds.max: the scale-out delay max must not be below its min",
    ],
    [
      "a bigger machine carrying less",
      { ...valid(), assumptions: { perInstanceMbps: { "e2-micro": 500, "e2-standard-4": 100 } } },
      "assumptions.perInstanceMbps.e2-standard-4: e2-standard-4 must carry at least as much per instance as e2-micro (500 Mbps)",
    ],
  ])("refuses %s with a 400 naming the field", (_name, body, message) => {
    expect(refusal(body)).toContain(message);
  });

  it("refuses work beyond its budget, naming instances and seeds", () => {
    const body = { ...valid(), services: [{ name: "backend", instances: 800, poolSize: 5, dbTimeoutSeconds: 8 }] };
    expect(refusal(body)).toBe(
      "services: 800 instances × 50 seeds = 40,000 simulated start-ups, more than the 5,000 one request may ask for: lower the instances or the seeds",
    );
    // The same burst with fewer seeds fits.
    expect(whatIfRequestSchema.safeParse({ ...body, seeds: 6 }).success).toBe(true);
  });

  it("opens a config with a huge burst with fewer seeds rather than a refused request", () => {
    const config = parseStagingConfig(readFileSync("staging.config.json", "utf8"), "staging.config.json", {});
    const big = {
      ...config,
      services: config.services.map((s) => ({ ...s, startup: { ...s.startup, burstInstances: 400 } })),
    };
    const scenario = scenarioFromConfig(big);
    expect(scenario.seeds).toBe(6);
    expect(whatIfRequestSchema.safeParse(scenario).success).toBe(true);
  });
});
