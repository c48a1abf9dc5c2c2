import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseStagingConfig } from "@/lib/config/staging-config";
import type { BrowserProbeConfig } from "@/lib/config/core/staging-schema";
import { BrowserHost } from "@/lib/rehearsal/browser-host";
import { rehearse } from "@/lib/rehearsal/rehearse";
import { waitForNoProcesses } from "@/lib/rehearsal/testing";
import { startEmulator, type RunningEmulator } from "./emulator";
import { configWorld } from "./testing";

/** The demo config's own journey, in real Chromium, through the emulator's stand-in staging app. */

let emulator: RunningEmulator;
let journey: BrowserProbeConfig;
let password = "";
const host = new BrowserHost({ executablePath: "/usr/bin/chromium" });
const pids = new Set<number>();

beforeAll(async () => {
  emulator = await startEmulator({
    world: configWorld(),
    scenario: "healthy",
    webPassword: "presenter-pw-1",
    historyDays: 1,
  });
  const vars = Object.fromEntries(emulator.env);
  password = vars.REHEARSAL_DEMO_PASSWORD ?? "";
  const file = path.join(process.cwd(), "staging.config.json");
  const cfg = parseStagingConfig(readFileSync(file, "utf8"), file, vars);
  const probe = cfg.probes.find((p) => p.name === "demo-rehearsal");
  if (probe?.type !== "browser") throw new Error("the demo config has no demo-rehearsal journey");
  journey = probe;
});
afterAll(async () => {
  const pid = host.pid();
  if (pid) pids.add(pid);
  await host.close();
  await emulator.close();
  for (const pid of pids) expect(await waitForNoProcesses(pid)).toEqual([]);
});

const run = async () => {
  const outcome = await rehearse(journey, { host, secrets: { REHEARSAL_DEMO_PASSWORD: password } });
  const pid = host.pid();
  if (pid) pids.add(pid);
  return outcome;
};

describe("the stand-in staging web app", () => {
  it("prints its URL and the presenter's password for Stagewatch", () => {
    expect(password).toBe("presenter-pw-1");
    expect(Object.fromEntries(emulator.env).STAGING_WEB_URL).toBe(`http://127.0.0.1:${emulator.ports.web}`);
  });

  it("healthy: the demo journey passes, sign-in to a live value", async () => {
    const outcome = await run();
    expect(outcome.error).toBeNull();
    expect(outcome.steps.map((s) => s.status)).toEqual(Array(6).fill("passed"));
    expect(outcome.screenshots.map((s) => s.kind)).toEqual(["end"]);
  }, 60_000);

  it("refuses a wrong password at sign-in", async () => {
    const res = await fetch(`http://127.0.0.1:${emulator.ports.web}/sign-in`, {
      method: "POST",
      body: "username=p&password=wrong",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      redirect: "manual",
    });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain("Wrong user name or password.");
  });

  it("incident: sign-in hangs on auth's database and the journey fails there, with a screenshot", async () => {
    emulator.state.setScenario("incident");
    const outcome = await run();
    expect(outcome.status).toBe("failed");
    expect(outcome.steps[outcome.failedStep ? outcome.failedStep - 1 : 0]?.label).toMatch(/Sign in/);
    expect(outcome.error).toMatch(/Sign in.*(the page it opened did not answer within|did not reach \/dashboard)/);
    expect(outcome.screenshots.map((s) => s.kind)).toEqual(["failure"]);
  }, 60_000);

  it("JWT secrets disagree (recovering): sign-in works, the live-value step fails", async () => {
    emulator.state.setScenario("recovering", 30);
    const outcome = await run();
    expect(outcome.status).toBe("failed");
    expect(outcome.failedStep).toBe(6);
    expect(outcome.error).toMatch(/Dashboard shows a live value.*No WebSocket message containing/);
  }, 60_000);
});
