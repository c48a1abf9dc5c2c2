import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseStagingConfig } from "@/lib/config/staging-config";
import { briefOf, rehearsalChecks } from "./briefs";
import type { RehearsalRun } from "@/lib/rehearsal/core/types";

const file = path.join(process.cwd(), "staging.config.json");
const config = parseStagingConfig(readFileSync(file, "utf8"), file, {});

describe("rehearsal readiness checks", () => {
  it("finds the demo config's rehearsal check and nothing that reads other probes", () => {
    expect([...rehearsalChecks(config)]).toEqual([["rehearsal", "demo-rehearsal"]]);
  });

  it("briefs a failed run with the failing step's own name from the config", () => {
    const run: RehearsalRun = {
      id: "00000000-0000-4000-8000-000000000000",
      probe: "demo-rehearsal",
      status: "failed",
      startedAt: "2026-12-01T14:02:00Z",
      durationMs: 9000,
      steps: [1, 2, 3, 4, 5, 6].map((i) => ({
        index: i,
        label: `s${i}`,
        action: "click",
        status: i < 5 ? "passed" : i === 5 ? "failed" : "not-run",
        startMs: 0,
        durationMs: 1,
        error: null,
      })),
      failedStep: 5,
      error: "x",
      screenshots: ["failure"],
    };
    expect(briefOf(run, config)).toEqual({
      status: "failed",
      startedAt: run.startedAt,
      durationMs: 9000,
      totalSteps: 6,
      passedSteps: 4,
      failedStep: 5,
      failedStepName: "Sign in reaches the dashboard",
    });
  });
});
