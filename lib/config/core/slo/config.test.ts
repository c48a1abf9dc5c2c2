import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseStagingConfig } from "@/lib/config/staging-config";
import { sloConfigSchema, sloDefinitions } from "./config";

const TEXT = readFileSync(path.join(process.cwd(), "staging.config.json"), "utf8");

function problemsWith(slo: unknown): string[] {
  const cfg = JSON.parse(TEXT) as Record<string, unknown>;
  cfg.slo = slo;
  try {
    parseStagingConfig(JSON.stringify(cfg), "test.json", {});
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe("slo config", () => {
  it("defaults to 95% over 28 days, overall and for every deployed service", () => {
    const cfg = parseStagingConfig(TEXT, "staging.config.json", {});
    expect(cfg.slo).toEqual({
      objective: 0.95,
      windowDays: 28,
      alerting: "workbook",
      gatesDemos: false,
      excludeMaintenance: false,
      services: {},
      probes: [],
      resolveAfterMinutes: 5,
    });
    expect(
      sloDefinitions(cfg.slo, ["backend", "auth"]).map((d) => [d.id, d.service, d.objective, d.windowDays]),
    ).toEqual([
      ["startup-all", "all", 0.95, 28],
      ["startup-backend", "backend", 0.95, 28],
      ["startup-auth", "auth", 0.95, 28],
    ]);
  });

  it("per-service overrides", () => {
    const slo = sloConfigSchema.parse({
      services: { auth: { objective: 0.99, alerting: "four-window", gatesDemos: true } },
    });
    expect(sloDefinitions(slo, ["auth"])[1]).toEqual({
      id: "startup-auth",
      service: "auth",
      objective: 0.99,
      windowDays: 28,
      alerting: "four-window",
      source: "startups",
      gatesDemos: true,
      excludeMaintenance: false,
    });
    expect(sloDefinitions(slo, ["auth"])[0]?.alerting).toBe("workbook");
  });

  it("per-service excludeMaintenance", () => {
    const slo = sloConfigSchema.parse({ services: { auth: { objective: 0.99, excludeMaintenance: true } } });
    expect(sloDefinitions(slo, ["auth", "backend"]).slice(1)).toEqual([
      {
        id: "startup-auth",
        service: "auth",
        objective: 0.99,
        windowDays: 28,
        alerting: "workbook",
        source: "startups",
        gatesDemos: false,
        excludeMaintenance: true,
      },
      {
        id: "startup-backend",
        service: "backend",
        objective: 0.95,
        windowDays: 28,
        alerting: "workbook",
        source: "startups",
        gatesDemos: false,
        excludeMaintenance: false,
      },
    ]);
  });

  it.each([
    [{ objective: 0 }, "slo.objective"],
    [{ objective: -0.5 }, "slo.objective"],
    [{ objective: 1 }, "slo.objective"],
    [{ objective: 1.5 }, "slo.objective"],
    [{ objective: "95%" }, "slo.objective"],
    [{ windowDays: 0 }, "slo.windowDays"],
    [{ windowDays: -28 }, "slo.windowDays"],
    [{ windowDays: 2 }, "slo.windowDays"], // shorter than the 3-day ticket window
    [{ windowDays: 31 }, "slo.windowDays"],
    [{ windowDays: 7.5 }, "slo.windowDays"],
    [{ services: { auth: { objective: 1 } } }, "slo.services.auth.objective"],
    [{ services: { analytics: {} } }, "slo.services.analytics"], // not deployed
    [{ services: { nosuch: {} } }, "slo.services.nosuch"],
    [{ extra: true }, "slo"],
    [{ alerting: "three-window" }, "slo.alerting"],
    [{ gatesDemos: "yes" }, "slo.gatesDemos"],
    [{ probes: [{ id: "x1", probes: ["nosuch"] }] }, "slo.probes[0].probes[0]"],
    [{ probes: [{ id: "Bad Id", probes: ["analytics"] }] }, "slo.probes[0].id"],
    [{ probes: [{ id: "x1", probes: [] }] }, "slo.probes[0].probes"],
    [
      {
        probes: [
          { id: "x1", probes: ["analytics"] },
          { id: "x1", probes: ["backend-health"] },
        ],
      },
      "slo.probes[1].id",
    ],
    [{ services: { auth: { alerting: "workbooks" } } }, "slo.services.auth.alerting"],
  ])("refuses %j naming %s", (slo, field) => {
    const problems = problemsWith(slo);
    expect(
      problems.some((p) => p.startsWith(field)),
      problems.join("\n"),
    ).toBe(true);
  });
});
