import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseStagingConfig } from "@/lib/config/staging-config";
import { exportPlan } from "@/lib/slo/export/resources";
import { openSloDocuments, openSloYaml } from "./export";

const sloth = path.join(__dirname, "fixtures/sloth-openslo-getting-started.yml");
const run = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "scripts/import-openslo.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, GOOGLE_CLOUD_PROJECT: "netra-staging" },
  });

let dir = "";
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = "";
});

describe("npm run import:openslo", () => {
  it("--write puts an exported file's SLOs into the config, which then loads", () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "openslo-import-"));
    const into = path.join(dir, "staging.config.json");
    copyFileSync("staging.config.json", into);
    const original = JSON.parse(readFileSync(into, "utf8")) as Record<string, unknown>;
    const wanted = {
      objective: 0.98,
      windowDays: 14,
      alerting: "four-window",
      services: { auth: { objective: 0.9, windowDays: 28, alerting: "workbook" } },
    };
    const source = parseStagingConfig(JSON.stringify({ ...original, slo: wanted }), into, {});
    const file = path.join(dir, "slos.yaml");
    writeFileSync(file, openSloYaml(openSloDocuments(exportPlan(source, "netra-staging"))));
    const r = run(file, "--into", into, "--write");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("Imported 3 SLO(s): all services, backend, auth\n");
    expect(parseStagingConfig(readFileSync(into, "utf8"), into, {}).slo).toEqual({
      ...wanted,
      probes: [],
      gatesDemos: false,
      excludeMaintenance: false,
      resolveAfterMinutes: 5,
    });
  }, 60_000);

  it("exit 2 on invalid input and a bad command line, 0 with a report for Sloth's example; never a stack trace", () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "openslo-import-"));
    const invalid = path.join(dir, "invalid.yaml");
    writeFileSync(
      invalid,
      "apiVersion: openslo/v1\nkind: SLO\nmetadata: { name: x }\nspec: { budgetingMethod: Often }\n",
    );
    const notYaml = path.join(dir, "broken.yaml");
    writeFileSync(notYaml, "kind: [unclosed");
    const cases: [string[], number, RegExp][] = [
      [[], 2, /^usage: npm run import:openslo/],
      [["--bogus", sloth], 2, /Unknown option '--bogus'/],
      [
        [invalid],
        2,
        /invalid\.yaml is not valid OpenSLO; nothing imported:\n[\s\S]*document 1 \(SLO x\): \.spec\.budgetingMethod should be equal to one of the allowed values/,
      ],
      [[notYaml], 2, /broken\.yaml is not valid YAML/],
      [[path.join(dir, "missing.yaml")], 1, /^cannot read the OpenSLO file .*missing\.yaml: ENOENT/],
      [
        [sloth],
        0,
        /Imported 0 SLO\(s\): none\n {2}not carried over — SLO sloth-slo-my-service: skipped: its metric source prometheus/,
      ],
    ];
    for (const [args, status, text] of cases) {
      const r = run(...args);
      expect(r.status, args.join(" ")).toBe(status);
      expect(status === 0 ? r.stdout : r.stderr, args.join(" ")).toMatch(text);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  }, 90_000);
});
