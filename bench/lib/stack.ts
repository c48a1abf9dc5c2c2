import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, startEmulator, startNext } from "../../scripts/lib/stack.mjs";
import { signIn } from "./session";

export type BenchStack = {
  baseURL: string;
  cookie: string;
  adminCookie: string;
  emulatorVars: Record<string, string>;
  /** The dashboard's process (its CPU time is read from /proc). */
  pid: number | undefined;
  stop: () => Promise<void>;
};

const PASSWORD = "bench-demo-password";

/** The built dashboard and the emulator, as `npm run demo` runs them, on free loopback ports. */
export async function startBenchStack(
  extraEnv: Record<string, string> = {},
  scenario = "incident",
  nodeArgs: string[] = [],
): Promise<BenchStack> {
  const jwtSecret = randomBytes(24).toString("base64url");
  const quiet = { write: () => true };
  const emulator = await startEmulator({ args: ["--scenario", scenario, `--jwt-secret=${jwtSecret}`], log: quiet });
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "stagewatch-bench-"));
  const next = await startNext({
    port,
    log: quiet,
    nodeArgs,
    env: {
      ...emulator.vars,
      NODE_ENV: "production",
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      STAGEWATCH_DEMO: "1",
      STAGEWATCH_ALLOW_DEMO: "1",
      STAGEWATCH_DEMO_PASSWORD: PASSWORD,
      STAGEWATCH_DATA_DIR: dataDir,
      PROBE_JWT_SECRET: jwtSecret,
      ...extraEnv,
    },
  });
  const baseURL = `http://127.0.0.1:${port}`;
  const cookie = await signIn(baseURL, "leader", PASSWORD);
  // /api/internal/stats is for admins only.
  const adminCookie = await signIn(baseURL, "admin", PASSWORD);
  return {
    baseURL,
    cookie,
    adminCookie,
    emulatorVars: emulator.vars,
    pid: next.proc.pid,
    stop: async () => {
      await next.stop();
      await emulator.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Forces the backend's stand-in to answer one way ("model": follow the model again), through the emulator's admin API. */
export async function setBackendStandin(stack: BenchStack, mode: "up" | "down" | "model"): Promise<void> {
  const res = await fetch(`${stack.emulatorVars.STAGEWATCH_EMULATOR_ADMIN ?? ""}/standin`, {
    method: "POST",
    body: JSON.stringify({ service: "backend", mode }),
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${stack.emulatorVars.STAGEWATCH_EMULATOR_ADMIN_TOKEN ?? ""}`,
    },
  });
  if (!res.ok) throw new Error(`the emulator admin answered ${res.status}`);
}
