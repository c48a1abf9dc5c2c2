import { expect, test } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, prepareStandalone, ROOT, waitForHttp } from "../scripts/lib/stack.mjs";
import { readStackState } from "./stack-state";

/** Another standalone server of this build, with the shared stack's settings plus `env`. */
async function standalone(
  env: Record<string, string>,
): Promise<{ proc: ChildProcess; port: number; output: () => string; exited: Promise<number | null> }> {
  const state = readStackState();
  const server = prepareStandalone();
  const port = await freePort();
  const proc = spawn(process.execPath, [server], {
    cwd: path.dirname(server),
    // The server runs in its own folder: the config is named by its full path, as startNext does.
    env: {
      ...process.env,
      STAGEWATCH_CONFIG: path.join(ROOT, "staging.config.json"),
      ...state.nextEnv,
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  proc.stdout?.on("data", (d) => (output += d));
  proc.stderr?.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  return { proc, port, output: () => output, exited };
}

test.describe("running as a service", () => {
  test("health and readiness answer Cloud Run's probes without a session; one process on SQLite leads", async ({
    request,
  }) => {
    const health = await request.get("/api/health");
    expect(health.status()).toBe(200);
    const ready = await request.get("/api/ready");
    expect(ready.status()).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, role: "leader", checks: { store: "ok", config: "ok" } });
    expect(ready.headers()["cache-control"]).toContain("no-store");
    // Only these two: the rest still needs a session.
    expect((await request.get("/api/overview")).status()).toBe(401);
  });

  test("a second process on the same SQLite store stops at start-up, saying why", async () => {
    const second = await standalone({ STAGEWATCH_DATA_DIR: readStackState().dataDir });
    const timer = setTimeout(() => second.proc.kill("SIGKILL"), 30_000);
    const code = await second.exited;
    clearTimeout(timer);
    expect(code).toBe(1);
    expect(second.output()).toContain("already open in another Stagewatch process");
    expect(second.output()).toContain("STAGEWATCH_DATABASE_URL");
  });

  test("SIGTERM: the standalone server finishes and exits within 8 s", async () => {
    const own = await standalone({ STAGEWATCH_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "stagewatch-sigterm-")) });
    await waitForHttp(`http://127.0.0.1:${own.port}/api/ready`, { proc: own.proc, timeoutMs: 60_000 });
    const t0 = Date.now();
    own.proc.kill("SIGTERM");
    const code = await own.exited;
    expect(Date.now() - t0).toBeLessThan(8_000);
    // Next's own handler exits with 128 + SIGTERM once our shutdown has finished.
    expect(code).toBe(143);
    // …after our shutdown ran: scheduling stopped and the queued writes were finished.
    expect(own.output()).toContain("stopped its background work: shutting down");
  });
});
