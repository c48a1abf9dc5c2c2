import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvForTests } from "@/lib/config/env";
import { getStagingConfig, reloadStagingConfig } from "@/lib/config/staging-config";
import { processSlot } from "@/lib/base/singleton";
import { startServer } from "./start";

const stagingConfig = processSlot("staging-config");

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  resetEnvForTests();
  stagingConfig.clear();
});

/** The repository's staging config with one readiness webhook, in a temp file. */
function configWithWebhook(): string {
  const cfg = JSON.parse(fs.readFileSync("staging.config.json", "utf8")) as { readiness?: Record<string, unknown> };
  cfg.readiness = { ...cfg.readiness, webhooks: [{ url: "https://hooks.example.com/stagewatch", kind: "json" }] };
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sw-start-")), "staging.config.json");
  fs.writeFileSync(file, JSON.stringify(cfg));
  return file;
}

describe("startServer", () => {
  it("NODE_ENV=production with webhooks and no STAGEWATCH_WEBHOOK_SECRET: exits 1 with one line naming the variable", () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("NEXTAUTH_SECRET", "s".repeat(40));
    vi.stubEnv("STAGEWATCH_CONFIG", configWithWebhook());
    vi.stubEnv("STAGEWATCH_WEBHOOK_SECRET", undefined);
    resetEnvForTests();
    stagingConfig.clear();
    const errors: string[] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void errors.push(args.join(" ")));
    vi.spyOn(process, "exit").mockImplementation((code) => {
      throw new Error(`exit ${String(code)}`);
    });

    expect(() => startServer()).toThrow("exit 1");
    const output = errors.join("\n");
    expect(output).toContain("Stagewatch cannot start.");
    const named = output.split("\n").filter((l) => l.includes("STAGEWATCH_WEBHOOK_SECRET"));
    expect(named).toHaveLength(1);
    expect(named[0]).toMatch(/STAGEWATCH_WEBHOOK_SECRET is required when NODE_ENV=production .*readiness\.webhooks: 1/);
  });
});

describe("reloading the staging config", () => {
  it("under production, an edit that adds webhooks without STAGEWATCH_WEBHOOK_SECRET is rejected and the previous config stays", () => {
    const file = configWithWebhook();
    const withHooks = fs.readFileSync(file, "utf8");
    const cfg = JSON.parse(withHooks) as { readiness: { webhooks: unknown[] } };
    cfg.readiness.webhooks = [];
    fs.writeFileSync(file, JSON.stringify(cfg));
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("NEXTAUTH_SECRET", "s".repeat(40));
    vi.stubEnv("STAGEWATCH_CONFIG", file);
    vi.stubEnv("STAGEWATCH_WEBHOOK_SECRET", undefined);
    resetEnvForTests();
    stagingConfig.clear();
    const before = getStagingConfig();
    expect(before.readiness.webhooks).toEqual([]);

    fs.writeFileSync(file, withHooks);
    expect(() => reloadStagingConfig()).toThrow(/STAGEWATCH_WEBHOOK_SECRET is required when NODE_ENV=production/);
    expect(getStagingConfig()).toBe(before);
  });
});
