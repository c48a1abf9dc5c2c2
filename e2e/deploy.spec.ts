import { expect, test } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, prepareStandalone, ROOT, waitForHttp } from "../scripts/lib/stack.mjs";
import { signInOverHttp } from "./http-session";
import { DEMO_PASSWORD, readStackState } from "./stack-state";

/**
 * Another standalone server of this build, with the shared stack's settings plus `env` (given
 * the port, for settings that name the server's own URL) and without the variables in `unset`.
 */
async function standalone(
  env: Record<string, string> | ((port: number) => Record<string, string>),
  unset: string[] = [],
): Promise<{ proc: ChildProcess; port: number; output: () => string; exited: Promise<number | null> }> {
  const state = readStackState();
  const server = prepareStandalone();
  const port = await freePort();
  const merged: NodeJS.ProcessEnv = {
    ...process.env,
    // The server runs in its own folder: the config is named by its full path, as startNext does.
    STAGEWATCH_CONFIG: path.join(ROOT, "staging.config.json"),
    ...state.nextEnv,
    NEXT_TELEMETRY_DISABLED: "1",
    ...(typeof env === "function" ? env(port) : env),
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
  };
  for (const name of unset) delete merged[name];
  const proc = spawn(process.execPath, [server], {
    cwd: path.dirname(server),
    env: merged,
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
    expect(await ready.json()).toMatchObject({
      ready: true,
      role: "leader",
      checks: { store: "ok", config: "ok" },
      google: "emulator",
    });
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

  test("without Google credentials or an emulator: said once at start-up and on /api/ready, figures unknown, no unhandled rejections", async () => {
    // A key file that does not exist: google-auth-library's real search fails at once, as on a
    // machine with no Application Default Credentials.
    const own = await standalone(
      (port) => ({
        STAGEWATCH_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "stagewatch-nocreds-")),
        GOOGLE_APPLICATION_CREDENTIALS: "/nonexistent/stagewatch-key.json",
        NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      }),
      ["MONITORING_EMULATOR_HOST", "LOGGING_EMULATOR_HOST"],
    );
    try {
      const base = `http://127.0.0.1:${own.port}`;
      await waitForHttp(`${base}/api/ready`, { proc: own.proc, timeoutMs: 60_000 });
      const ready = (await (await fetch(`${base}/api/ready`)).json()) as {
        ready: boolean;
        google: string;
        warning?: string;
      };
      expect(ready).toMatchObject({ ready: true, google: "no credentials" });
      expect(ready.warning).toMatch(/^unknown: no Google credentials/);
      const { jar, signedIn } = await signInOverHttp(base, "engineer", DEMO_PASSWORD);
      expect(signedIn).toBe(true);
      for (const range of ["1h", "6h", "24h"]) {
        const res = await fetch(`${base}/api/overview?range=${range}`, { headers: { cookie: jar.header() } });
        expect(res.status, `overview ${range}`).toBe(503);
        expect(((await res.json()) as { error: string }).error).toBe("no_google_credentials");
      }
      const out = own.output();
      expect(out.match(/Stagewatch: unknown: no Google credentials/g) ?? []).toHaveLength(1);
      expect(out).not.toContain("unhandledRejection");
      expect(out).not.toContain("Could not load the default credentials");
    } finally {
      own.proc.kill("SIGTERM");
      await own.exited;
    }
  });
});
