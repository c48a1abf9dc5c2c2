import { expect, test } from "@playwright/test";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../scripts/lib/stack.mjs";

/** Starts `next start` with the given variables and resolves with its exit code and output. */
async function startAndCollect(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const port = await freePort();
  const proc = spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", STAGEWATCH_PROBES: "off", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  proc.stdout.on("data", (d) => (output += d));
  proc.stderr.on("data", (d) => (output += d));
  const timer = setTimeout(() => proc.kill("SIGKILL"), 30_000);
  const code = await new Promise<number | null>((resolve) => proc.on("exit", resolve));
  clearTimeout(timer);
  return { code, output };
}

const SECRET = "s".repeat(40);

test("a broken staging config stops start-up naming the file and each bad field", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "stagewatch-config-"));
  const file = path.join(dir, "broken.json");
  const cfg = JSON.parse(readFileSync("staging.config.json", "utf8"));
  cfg.connector.maxInstances = 1;
  cfg.probes[0].intervalSeconds = 2;
  writeFileSync(file, JSON.stringify(cfg));
  const { code, output } = await startAndCollect({ NEXTAUTH_SECRET: SECRET, STAGEWATCH_CONFIG: file });
  expect(code).toBe(1);
  expect(output).toContain(`Invalid staging config ${file}:`);
  expect(output).toContain("connector.maxInstances:");
  expect(output).toContain("probes[0].intervalSeconds:");
});

test("a journey with an unknown step or an empty selector stops start-up naming the journey and step", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "stagewatch-config-"));
  const file = path.join(dir, "bad-journey.json");
  const cfg = JSON.parse(readFileSync("staging.config.json", "utf8"));
  const journey = cfg.probes.find((p: { type: string }) => p.type === "browser");
  const at = cfg.probes.indexOf(journey);
  journey.steps[1] = { action: "runScript", script: "alert(1)" };
  journey.steps[3].selector = "";
  writeFileSync(file, JSON.stringify(cfg));
  const { code, output } = await startAndCollect({ NEXTAUTH_SECRET: SECRET, STAGEWATCH_CONFIG: file });
  expect(code).toBe(1);
  expect(output).toContain(`probes[${at}].steps[1].action: must be one of goto, fill, click`);
  expect(output).toContain(`(journey "demo-rehearsal", step 2)`);
  expect(output).toContain(`probes[${at}].steps[3].selector: must not be empty`);
  expect(output).toContain(`(journey "demo-rehearsal", step 4)`);
});

test("a bad environment variable stops start-up with a message naming it", async () => {
  const { code, output } = await startAndCollect({ NEXTAUTH_SECRET: "too-short" });
  expect(code).toBe(1);
  expect(output).toContain("NEXTAUTH_SECRET must be at least 32 characters");
});

test("production with webhooks and no STAGEWATCH_WEBHOOK_SECRET stops start-up with one line naming it", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "stagewatch-config-"));
  const file = path.join(dir, "webhooks.json");
  const cfg = JSON.parse(readFileSync("staging.config.json", "utf8"));
  cfg.readiness = { ...cfg.readiness, webhooks: [{ url: "https://hooks.example.com/stagewatch", kind: "json" }] };
  writeFileSync(file, JSON.stringify(cfg));
  const { code, output } = await startAndCollect({
    NODE_ENV: "production",
    NEXTAUTH_SECRET: SECRET,
    STAGEWATCH_CONFIG: file,
  });
  expect(code).toBe(1);
  const lines = output.split("\n").filter((l) => l.includes("STAGEWATCH_WEBHOOK_SECRET"));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain("STAGEWATCH_WEBHOOK_SECRET is required when NODE_ENV=production");
});
