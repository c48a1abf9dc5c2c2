import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmulator, startNext } from "../scripts/lib/stack.mjs";
import { AUTH_DIR, DEMO_PASSWORD, STATE_FILE, type StackState } from "./stack-state";

type Proc = { proc: { pid: number }; stop: () => Promise<void> };

/** Starts the emulator and the built dashboard once for the whole run; returns the teardown. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  mkdirSync(AUTH_DIR, { recursive: true });
  const port = Number(process.env.E2E_PORT);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "stagewatch-e2e-"));
  const jwtSecret = randomBytes(24).toString("base64url");
  const quiet = process.env.E2E_VERBOSE ? process.stderr : { write() {} };

  const emulatorArgs = ["--scenario", "incident", `--jwt-secret=${jwtSecret}`];
  const emulator: (Proc & { vars: Record<string, string> }) | null = existsSync("emulator/main.ts")
    ? await startEmulator({ args: emulatorArgs, log: quiet })
    : null;

  const nextEnv: Record<string, string> = {
    ...(emulator?.vars ?? {}),
    NODE_ENV: "production",
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    STAGEWATCH_DEMO: "1",
    STAGEWATCH_ALLOW_DEMO: "1",
    STAGEWATCH_DEMO_PASSWORD: DEMO_PASSWORD,
    STAGEWATCH_DATA_DIR: dataDir,
    PROBE_JWT_SECRET: jwtSecret,
  };
  let next: Proc;
  try {
    next = await startNext({ port, env: nextEnv, log: quiet });
  } catch (err) {
    await emulator?.stop();
    throw err;
  }

  const state: StackState = {
    baseURL: `http://127.0.0.1:${port}`,
    emulatorVars: emulator?.vars ?? {},
    emulatorArgs,
    emulatorPid: emulator?.proc.pid ?? null,
    nextPid: next.proc.pid,
    dataDir,
    nextEnv,
  };
  writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));

  return async () => {
    await next.stop();
    await emulator?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
