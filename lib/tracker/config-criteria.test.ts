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

describe("one expression language, checked at load per environment", () => {
  function problems(edit: (raw: Raw) => void): string[] {
    const raw = JSON.parse(readFileSync("staging.config.json", "utf8")) as Raw;
    edit(raw);
    try {
      parseStagingConfig(JSON.stringify(raw), "bad.json", {});
    } catch (err) {
      if (err instanceof ConfigError) return err.problems;
      throw err;
    }
    return [];
  }
  type Raw = {
    incident: { phases: { successCriteria: { expr: string }[] }[] };
    readiness: { checks: { expr: string }[] };
    probes: { name: string; conditions?: string[] }[];
  };

  it("a probe placeholder in a criterion or a readiness check is an error at its field and column", () => {
    expect(
      problems((raw) => {
        const first = raw.incident.phases[0]?.successCriteria[0];
        const check = raw.readiness.checks[0];
        if (!first || !check) throw new Error("the seed has no criterion or check");
        first.expr = "blocking_phases() == 0 and [STATUS] == 200";
        check.expr = "len([BODY].items) > 0";
      }),
    ).toEqual([
      expect.stringMatching(
        /^incident\.phases\[0\]\.successCriteria\[0\]\.expr: at column 28: expected a function \(.*\); placeholders such as \[STATUS\] belong in probe conditions, got "\[STATUS\]"$/,
      ),
      expect.stringMatching(/^readiness\.checks\[0\]\.expr: at column 1: .*len\(\) belongs in probe conditions/),
    ]);
  });

  it("a metric function in a probe condition is an error at the condition, naming the probe and column", () => {
    const found = problems((raw) => {
      const probe = raw.probes[0];
      if (!probe) throw new Error("the seed has no probe");
      probe.conditions = ["[STATUS] == 200", "[BODY].rate > startup_success_rate(all, 1h)"];
    });
    expect(found).toEqual([
      expect.stringMatching(
        /^probes\[0\]\.conditions\[1\]: "\[BODY\]\.rate > startup_success_rate\(all, 1h\)" at column 15: .*startup_success_rate is a metric function.* \(probe "backend-health"\)$/,
      ),
    ]);
  });
});
