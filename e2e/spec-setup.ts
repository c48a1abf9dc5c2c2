import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { startOwnStack, type OwnStack } from "./own-stack";

// The set-up the own-stack specs share: a folder of their own, a changed copy of the seed
// config in it, and a loopback receiver for what Stagewatch posts.

/** The signing secret the specs give Stagewatch: production refuses webhooks without one. */
export const E2E_WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYqr";

/** A fresh folder under the system's temp folder, for one spec's config and data. */
export const specDir = (name: string) => mkdtempSync(path.join(os.tmpdir(), `stagewatch-${name}-`));

/** The checkout's seed config, for a spec to change before its own stack reads it. */
export const seedConfig = <T>(): T => JSON.parse(readFileSync("staging.config.json", "utf8")) as T;

/** Writes `config` into `dir` as the stack's staging config; returns its path. */
export function writeConfig(dir: string, config: unknown): string {
  const file = path.join(dir, "staging.config.json");
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

export type HookReceiver = { url: string; close: () => Promise<void> };

/**
 * An HTTP server on loopback that hands every request, with its whole body, to `onPost` and
 * answers 200 "ok". `url` is its origin, without a trailing slash.
 */
export async function startHookReceiver(
  onPost: (req: http.IncomingMessage, body: string) => void,
): Promise<HookReceiver> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      onPost(req, Buffer.concat(chunks).toString("utf8"));
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * An own stack in a fresh folder, on `config` (a changed copy of the seed): the emulator and the
 * dashboard both read it, the data folder sits beside it, and Stagewatch signs what it posts
 * with E2E_WEBHOOK_SECRET (production refuses webhooks without one). `stop()` removes the folder.
 */
export async function startStackOn(o: {
  name: string;
  config: unknown;
  password: string;
  emulatorArgs: string[];
  env?: Record<string, string>;
}): Promise<OwnStack> {
  const dir = specDir(o.name);
  const configFile = writeConfig(dir, o.config);
  const stack = await startOwnStack({
    emulatorArgs: [...o.emulatorArgs, "--config", configFile],
    password: o.password,
    dataDir: path.join(dir, "data"),
    env: { STAGEWATCH_CONFIG: configFile, STAGEWATCH_WEBHOOK_SECRET: E2E_WEBHOOK_SECRET, ...o.env },
  }).catch((err: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  });
  return {
    ...stack,
    stop: async () => {
      await stack.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Posts `data` to the emulator's admin API (its scenario, a stand-in's mode), with its token. */
export const postToEmulatorAdmin = (
  request: APIRequestContext,
  vars: Record<string, string> | undefined,
  route: "/scenario" | "/standin",
  data: object,
) =>
  request.post(`${vars?.STAGEWATCH_EMULATOR_ADMIN ?? ""}${route}`, {
    data,
    headers: { authorization: `Bearer ${vars?.STAGEWATCH_EMULATOR_ADMIN_TOKEN ?? ""}` },
  });

/**
 * A quiet own stack for the identity specs (Google sign-in, IAP): healthy, no probes and no
 * evaluators running, and a config that gives `roles` (email → role) on top of the seed's.
 */
export function startIdentityStack(name: string, roles: Record<string, string>, env: Record<string, string>) {
  const config = seedConfig<{ auth?: object }>();
  config.auth = { ...(config.auth ?? {}), roles };
  return startStackOn({
    name,
    config,
    password: `${name}-stack-password-1`,
    emulatorArgs: ["--scenario", "healthy"],
    env: { STAGEWATCH_PROBES: "off", STAGEWATCH_EVALUATORS: "off", ...env },
  });
}
