import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseStagingConfig } from "@/lib/config/staging-config";
import { stepLabel, stepSchema } from "./rehearsal-steps";

const FILE = path.join(process.cwd(), "staging.config.json");
const TEXT = readFileSync(FILE, "utf8");

const journey = (steps: unknown[], extra: Record<string, unknown> = {}) => ({
  name: "demo-journey",
  type: "browser",
  steps,
  ...extra,
});

function problemsWith(probe: unknown): string[] {
  const cfg = JSON.parse(TEXT) as { probes: unknown[] };
  cfg.probes = [...cfg.probes.filter((p) => (p as { type: string }).type !== "browser"), probe];
  try {
    parseStagingConfig(JSON.stringify(cfg), "test.json", {});
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

const goto = { action: "goto", url: "http://127.0.0.1:9/" };

describe("journey steps in the staging config", () => {
  it("accepts every declarative action, with per-step timeouts defaulted", () => {
    const steps = [
      goto,
      { action: "fill", selector: "#user", value: "presenter" },
      { action: "fill", selector: "#password", secret: "REHEARSAL_DEMO_PASSWORD" },
      { action: "click", selector: "button[type=submit]", timeoutMs: 5000 },
      { action: "expectUrl", path: "/dashboard" },
      { action: "expectVisible", selector: "#live" },
      { action: "expectText", selector: "#live", text: "value" },
      { action: "waitForWebSocketMessage", contains: '"type":"value"', urlContains: "/ws" },
      { action: "screenshot", label: "dashboard" },
    ];
    expect(problemsWith(journey(steps))).toEqual([]);
    const parsed = steps.map((s) => stepSchema.parse(s));
    expect(parsed[0]?.timeoutMs).toBe(10_000);
    expect(parsed[3]?.timeoutMs).toBe(5000);
  });

  it("defaults a browser probe to a 5-minute interval and a 60-s deadline", () => {
    const cfg = JSON.parse(TEXT) as { probes: unknown[]; readiness: unknown };
    cfg.probes = [journey([goto])];
    cfg.readiness = { checks: [] };
    const probe = parseStagingConfig(JSON.stringify({ ...cfg }), "t.json", {}).probes[0];
    expect(probe).toMatchObject({ type: "browser", intervalSeconds: 300, timeoutMs: 60_000 });
  });

  it.each([
    [
      "an unknown step",
      { action: "evaluate", script: "alert(1)" },
      /steps\[1\]\.action: must be one of goto, fill, click.*\(journey "demo-journey", step 2\)/,
    ],
    [
      "an empty selector",
      { action: "click", selector: "  " },
      /steps\[1\]\.selector: must not be empty.*\(journey "demo-journey", step 2\)/,
    ],
    [
      "a fill with both value and secret",
      { action: "fill", selector: "#p", value: "x", secret: "REHEARSAL_X" },
      /steps\[1\]\.value: needs exactly one of value or secret \(journey "demo-journey", step 2\)/,
    ],
    ["a fill with neither", { action: "fill", selector: "#p" }, /needs exactly one of value or secret/],
    [
      "a secret outside REHEARSAL_*",
      { action: "fill", selector: "#p", secret: "NEXTAUTH_SECRET" },
      /steps\[1\]\.secret: must name a REHEARSAL_\* environment variable/,
    ],
    [
      "an unknown key (no code can ride along)",
      { action: "click", selector: "#a", script: "fetch('/')" },
      /steps\[1\]: Unrecognized key: "script" \(journey "demo-journey", step 2\)/,
    ],
    ["a goto to a non-HTTP URL", { action: "goto", url: "file:///etc/passwd" }, /steps\[1\]\.url/],
    ["an expectUrl that is not a path", { action: "expectUrl", path: "dashboard" }, /must be a path/],
    [
      "a step timeout over two minutes",
      { action: "click", selector: "#a", timeoutMs: 600_000 },
      /steps\[1\]\.timeoutMs/,
    ],
  ])("rejects %s, naming the journey and step", (_label, step, message) => {
    const problems = problemsWith(journey([goto, step]));
    expect(problems.join("\n")).toMatch(message);
  });

  it("rejects a journey without steps, and conditions on a browser probe", () => {
    expect(problemsWith(journey([])).join("\n")).toMatch(
      /steps: a journey needs at least one step \(probe "demo-journey"\)/,
    );
    expect(problemsWith(journey([goto], { conditions: ["[STATUS] == 200"] })).join("\n")).toMatch(
      /judged by its steps/,
    );
  });

  it("labels steps by name, else by action and target", () => {
    expect(stepLabel(stepSchema.parse({ action: "click", selector: "#go" }))).toBe("click #go");
    expect(stepLabel(stepSchema.parse({ action: "goto", url: "http://127.0.0.1:1/sign-in?x=1" }))).toBe(
      "goto /sign-in",
    );
    expect(
      stepLabel(stepSchema.parse({ action: "fill", selector: "#p", secret: "REHEARSAL_P", name: "Password" })),
    ).toBe("Password");
  });
});
