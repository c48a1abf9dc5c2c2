import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError, parseStagingConfig } from "@/lib/config/staging-config";

describe("success criteria in the staging config", () => {
  it("a criterion that cannot be parsed stops the config, naming the field, the column and what was expected", () => {
    const raw = JSON.parse(readFileSync("staging.config.json", "utf8")) as {
      incident: { phases: { successCriteria: { expr: string }[] }[] };
    };
    const first = raw.incident.phases[0]?.successCriteria[0];
    if (!first) throw new Error("the seed has no criterion");
    first.expr = "startup_success_rate(all, soon) > 0.95";
    let error: unknown = null;
    try {
      parseStagingConfig(JSON.stringify(raw), "bad.json", {});
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'incident.phases[0].successCriteria[0].expr: at column 27: expected a duration such as 1h, got "soon"',
    ]);
  });
});
