import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { freePort, startEmulator, startNext } from "../scripts/lib/stack.mjs";

export type OwnStack = {
  baseURL: string;
  emulator: Awaited<ReturnType<typeof startEmulator>>;
  next: Awaited<ReturnType<typeof startNext>>;
  stop: () => Promise<void>;
  /**
   * Starts the emulator again (after a spec stopped it) on the ports, JWT secret and demo
   * password the dashboard already knows, so staging "comes back" for the running dashboard.
   */
  restartEmulator: () => Promise<OwnStack["emulator"]>;
};

/** The emulator's ports and web password from what it printed, as its command-line flags. */
function sameEndpoints(vars: Record<string, string>): string[] {
  const port = (url: string | undefined) => (url ?? "").split(":").at(-1)?.replace(/\/.*$/, "") ?? "";
  const flags: [string, string][] = [
    ["--grpc-port", port(vars.MONITORING_EMULATOR_HOST)],
    ["--backend-port", port(vars.STAGING_BACKEND_URL)],
    ["--auth-port", port(vars.STAGING_AUTH_URL)],
    ["--db-port", vars.STAGING_DB_PORT ?? ""],
    ["--admin-port", port(vars.STAGEWATCH_EMULATOR_ADMIN)],
    ["--web-port", port(vars.STAGING_WEB_URL)],
    ["--web-password", vars.REHEARSAL_DEMO_PASSWORD ?? ""],
  ];
  const missing = flags.filter(([, v]) => !v).map(([f]) => f);
  if (missing.length) throw new Error(`the emulator did not print what ${missing.join(", ")} needs`);
  return flags.map(([f, v]) => `${f}=${v}`);
}

/**
 * An emulator and a dashboard of a spec's own, for specs that change what the shared stack
 * must keep (the scenario, the config, the emulator being up). `emulatorArgs` come after the
 * JWT secret both sides share; `env` adds to the demo settings.
 */
export async function startOwnStack(o: {
  emulatorArgs: string[];
  password: string;
  dataDir: string;
  env?: Record<string, string>;
}): Promise<OwnStack> {
  const jwt = randomBytes(24).toString("base64url");
  const emulator = await startEmulator({ args: [`--jwt-secret=${jwt}`, ...o.emulatorArgs], log: null });
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const next = await startNext({
    port,
    log: null,
    env: {
      ...emulator.vars,
      NODE_ENV: "production",
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: baseURL,
      STAGEWATCH_DEMO: "1",
      STAGEWATCH_ALLOW_DEMO: "1",
      STAGEWATCH_DEMO_PASSWORD: o.password,
      STAGEWATCH_DATA_DIR: o.dataDir,
      PROBE_JWT_SECRET: jwt,
      ...o.env,
    },
  }).catch(async (err: unknown) => {
    await emulator.stop();
    throw err;
  });
  let current = emulator;
  return {
    baseURL,
    emulator,
    next,
    stop: async () => {
      await next.stop();
      await current.stop();
    },
    restartEmulator: async () => {
      await current.stop();
      current = await startEmulator({
        args: [`--jwt-secret=${jwt}`, ...o.emulatorArgs, ...sameEndpoints(emulator.vars)],
        log: null,
      });
      return current;
    },
  };
}

/** Signs in through the real login form (for stacks without saved sessions). */
export async function signInWithForm(
  page: Page,
  baseURL: string,
  username: string,
  password: string,
  role: string,
): Promise<void> {
  await page.goto(`${baseURL}/login`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("user-role")).toHaveText(role);
}
